<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>ArchitectureEditor</name>
    <message>
        <source>Block {0} of {1}</source>
        <extracomment>Most convolution blocks the editor offers: each 2×2 pool halves a 28×28 image, so after four or five of them nothing is left to convolve. Most filters per block and units per hidden layer the editor offers (the engine allows more; the memory budget refuses most of that anyway). Ranges of the block&apos;s sizes (the explorer&apos;s own ranges fit in them, so &quot;Copy from explorer&quot; always shows what it copied).</extracomment>
        <translation>第 {0} ブロック（全 {1} 個）</translation>
    </message>
    <message>
        <source>No convolution blocks: the image goes straight to the dense layers.</source>
        <translation>畳み込みブロックがありません。画像はそのまま全結合層に入ります。</translation>
    </message>
    <message>
        <source>{0}. {1} filters {2}×{3}</source>
        <translation>{0}. フィルター {1} 個 {2}×{3}</translation>
    </message>
    <message>
        <source>stride {0}×{1}</source>
        <translation>ストライド {0}×{1}</translation>
    </message>
    <message>
        <source>padding {0}×{1}</source>
        <translation>パディング {0}×{1}</translation>
    </message>
    <message>
        <source>dilation {0}×{1}</source>
        <translation>ダイレーション {0}×{1}</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>線形</translation>
    </message>
    <message>
        <source>max {0}×{1}</source>
        <translation>最大値 {0}×{1}</translation>
    </message>
    <message>
        <source>average {0}×{1}</source>
        <translation>平均値 {0}×{1}</translation>
    </message>
    <message>
        <source>{0} step {1}×{2}</source>
        <translation>{0} 移動 {1}×{2}</translation>
    </message>
    <message>
        <source>Back to the default network.</source>
        <translation>標準のネットワークに戻しました。</translation>
    </message>
    <message>
        <source>Cannot copy the explorer&apos;s layer: {0}</source>
        <translation>「層を調べる」の層をコピーできません：{0}</translation>
    </message>
    <message>
        <source>Block 1 is now the explorer&apos;s layer: {0}</source>
        <translation>第 1 ブロックを「層を調べる」の層にしました：{0}</translation>
    </message>
    <message>
        <source>Convolution blocks</source>
        <translation>畳み込みブロック (convolution block)</translation>
    </message>
    <message>
        <source>Each block is a convolution, then ReLU (if chosen), then pooling (if chosen); the image passes through them from top to bottom. Choose one to edit it</source>
        <translation>各ブロックは畳み込み、（選んだ場合は）ReLU、（選んだ場合は）プーリングの順に処理します。画像は上のブロックから順に通ります。編集するブロックを選んでください</translation>
    </message>
    <message>
        <source>Add a block after the selected one (a copy of it)</source>
        <translation>選んだブロックの後ろにブロックを追加します（そのコピー）</translation>
    </message>
    <message>
        <source>Remove the selected block</source>
        <translation>選んだブロックを削除します</translation>
    </message>
    <message>
        <source>Move the selected block up (earlier)</source>
        <translation>選んだブロックを上へ（前へ）移動します</translation>
    </message>
    <message>
        <source>Move the selected block down (later)</source>
        <translation>選んだブロックを下へ（後ろへ）移動します</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>活性化関数</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>カーネル</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>Dilation</source>
        <translation>ダイレーション</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>プーリング</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>プールサイズ</translation>
    </message>
    <message>
        <source>Pool step</source>
        <translation>プール移動幅</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>ユニット数</translation>
    </message>
    <message>
        <source>How many feature detectors this block&apos;s convolution learns; each makes one feature map</source>
        <translation>このブロックの畳み込みが学習する特徴検出器（フィルター）の数です。フィルター 1 個が特徴マップを 1 枚作ります</translation>
    </message>
    <message>
        <source>Rows × columns of each filter (while they are equal, the columns follow the rows)</source>
        <translation>各フィルターの行 × 列（両方が等しい間は、列が行に合わせて変わります）</translation>
    </message>
    <message>
        <source>How many pixels a filter moves between two output cells (rows × columns)</source>
        <translation>出力の隣り合うセルの間でフィルターが動く画素数（行 × 列）</translation>
    </message>
    <message>
        <source>Rows and columns of zeros added on each side of the block&apos;s input</source>
        <translation>ブロックの入力の各辺に加えるゼロの行数と列数</translation>
    </message>
    <message>
        <source>Spacing between the filter&apos;s cells: 2 leaves one pixel out between them</source>
        <translation>フィルターのセルの間隔です。2 にするとセルの間を 1 画素ずつ空けます</translation>
    </message>
    <message>
        <source>none (linear)</source>
        <translation>なし（線形）</translation>
    </message>
    <message>
        <source>ReLU keeps positive responses and sets negative ones to 0; without it, stacked blocks are one linear map</source>
        <translation>ReLU は正の応答を残し、負の応答を 0 にします。ReLU がないと、ブロックを重ねても全体で一つの線形写像にしかなりません</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大値</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均値</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Max pooling keeps the strongest response in each window; average pooling keeps the mean</source>
        <translation>最大値プーリングは各窓の最も強い応答を、平均値プーリングは平均を残します</translation>
    </message>
    <message>
        <source>Rows × columns of each pooling window</source>
        <translation>プーリングの窓の行 × 列</translation>
    </message>
    <message>
        <source>How far the pooling window moves (equal to the size: windows do not overlap)</source>
        <translation>プーリングの窓が動く幅（サイズと同じなら窓は重なりません）</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隠れ層</translation>
    </message>
    <message>
        <source>Dense layers (each with ReLU) between the flattened feature maps and the output layer: 0 to 2</source>
        <translation>平坦化した特徴マップと出力層の間に置く全結合層（それぞれ ReLU 付き）の数：0〜2</translation>
    </message>
    <message>
        <source>How many units this hidden layer has</source>
        <translation>この隠れ層のユニット数</translation>
    </message>
    <message>
        <source>Copy from explorer</source>
        <translation>「層を調べる」からコピー</translation>
    </message>
    <message>
        <source>Make block 1 the explorer&apos;s layer: its number of filters, kernel size, stride, padding, dilation, activation and pooling (type, size and step)</source>
        <translation>第 1 ブロックを「層を調べる」の層と同じにします：フィルター数、カーネルサイズ、ストライド、パディング、ダイレーション、活性化関数、プーリング（種類、サイズ、移動幅）</translation>
    </message>
    <message>
        <source>Default network</source>
        <translation>標準のネットワーク</translation>
    </message>
    <message>
        <source>The network CNN Lab starts from, the same as python -m engine.train trains</source>
        <translation>CNN Lab が最初に使うネットワークです。python -m engine.train が学習するものと同じです</translation>
    </message>
</context>
<context>
    <name>BackpropLesson</name>
    <message>
        <source>Learning by back-propagation</source>
        <extracomment>The small network: two 3×3 filters, ReLU, 2×2 max pooling, three classes. The kernel cell the question asks about (row, col).</extracomment>
        <translation>誤差逆伝播法で学ぶ（Back-propagation）</translation>
    </message>
    <message>
        <source>&lt;p&gt;Training asks, for every weight: if it grew a little, would the loss grow? &lt;b&gt;Back-propagation&lt;/b&gt; answers for all weights at once, from the output back to the first filter: the gradient p − y at the scores, back through the dense layer, through pooling (only each window&apos;s winner gets a share), through ReLU (only where it let the value through), and into the kernel, by the same sliding window as the convolution. &lt;b&gt;Gradient descent&lt;/b&gt; then moves every weight a little against its gradient: w ← w − η·g, with the &lt;b&gt;learning rate&lt;/b&gt; η. Below, a small network with two 3×3 filters learns the lab&apos;s picture.&lt;/p&gt;</source>
        <translation>&lt;p&gt;学習では、すべての重みについて「この重みを少し大きくしたら損失は増えるか」を調べます。&lt;b&gt;誤差逆伝播法&lt;/b&gt;は、出力から最初のフィルターへ逆向きにたどって、すべての重みの答えを一度に求めます。スコアでの勾配 p − y から始まり、全結合層を通り、プーリングを通り（各窓の勝者だけが受け取ります）、ReLU を通り（値を通した所だけ）、最後に畳み込みと同じスライドする窓でカーネルに届きます。そのあと&lt;b&gt;勾配降下法&lt;/b&gt;が、各重みを勾配と逆向きに少しだけ動かします：w ← w − η·g（η は&lt;b&gt;学習率&lt;/b&gt;）。下では、3×3 フィルター 2 枚の小さなネットワークが、ラボの画像で学習します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The picture is too small for the small network: open a larger picture.</source>
        <translation>画像が小さすぎて、この小さなネットワークに通せません。もっと大きな画像を開いてください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Forward.&lt;/b&gt; Scores z = %1, softmax p = %2.&lt;br&gt;The true class is %3, so the loss is −log %4 = &lt;b&gt;%5&lt;/b&gt;.&lt;br&gt;&lt;b&gt;After the step&lt;/b&gt; (η = %6): loss &lt;b&gt;%7&lt;/b&gt;, p(%3) = %8. Steps taken: %9.</source>
        <translation>&lt;b&gt;順伝播&lt;/b&gt;&#x3000;スコア z = %1、ソフトマックス p = %2。&lt;br&gt;正解は %3 なので、損失は −log %4 = &lt;b&gt;%5&lt;/b&gt; です。&lt;br&gt;&lt;b&gt;1 ステップ後&lt;/b&gt;（η = %6）：損失 &lt;b&gt;%7&lt;/b&gt;、p(%3) = %8。これまでのステップ数：%9。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backward.&lt;/b&gt; At the scores: p − y = %1. The dense layer turns it into %2 gradients, one per pooled value. Pooling hands each to its window&apos;s winner: %3 of %4 cells of filter %5. ReLU lets through only where the map was positive: %6 cells. The kernel&apos;s gradient at cell (%7, %8) is the sum of %9 products, input × upstream gradient, under the same sliding window.</source>
        <translation>&lt;b&gt;逆伝播&lt;/b&gt;&#x3000;スコアでの勾配 p − y = %1。全結合層がこれを、プーリング後の値 1 つに 1 つずつ、%2 個の勾配に変えます。プーリングは各勾配を窓の勝者に渡します：フィルター %5 の %4 マスのうち %3 マス。ReLU は特徴マップが正だった所だけを通します：%6 マス。カーネルのマス (%7, %8) の勾配は、同じスライドする窓の下での「入力 × 上流の勾配」%9 個の積の合計です。</translation>
    </message>
    <message>
        <source>Their sum: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>合計：&lt;b&gt;%1&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Filter %1&apos;s weight at the centre is w = %2 and its gradient is g = %3. With learning rate η = %4, what is the weight after one step of gradient descent?</source>
        <translation>フィルター %1 の中央の重みは w = %2、その勾配は g = %3 です。学習率 η = %4 で勾配降下法を 1 ステップ進めると、重みはいくつになりますか。</translation>
    </message>
    <message>
        <source>w − η·g = %1 − %2 × %3 = %4: the weight moves against its gradient.</source>
        <translation>w − η·g = %1 − %2 × %3 = %4：重みは勾配と逆向きに動きます。</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>クラス %1</translation>
    </message>
    <message>
        <source>True class:</source>
        <translation>正解のクラス：</translation>
    </message>
    <message>
        <source>Learning rate η:</source>
        <translation>学習率 η：</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>フィルター：</translation>
    </message>
    <message>
        <source>Take the step</source>
        <translation>1 ステップ進める</translation>
    </message>
    <message>
        <source>Keep the new weights and step through the example again</source>
        <translation>新しい重みを残し、同じ例でもう一度たどります</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>最初から</translation>
    </message>
    <message>
        <source>1. Feature map</source>
        <translation>1. 特徴マップ</translation>
    </message>
    <message>
        <source>2. Gradient to the winners</source>
        <translation>2. 勝者への勾配</translation>
    </message>
    <message>
        <source>3. ReLU mask</source>
        <translation>3. ReLU のマスク</translation>
    </message>
    <message>
        <source>4. Gradient at the map</source>
        <translation>4. 特徴マップでの勾配</translation>
    </message>
    <message>
        <source>5. Kernel gradient ×100</source>
        <translation>5. カーネルの勾配 ×100</translation>
    </message>
    <message>
        <source>Kernel (before)</source>
        <translation>カーネル（更新前）</translation>
    </message>
</context>
<context>
    <name>ClassList</name>
    <message numerus="yes">
        <source>Delete the class “{0}” and its %n example(s)?</source>
        <translation>
            <numerusform>クラス「{0}」と、その例 %n 個を削除しますか？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassifyPage</name>
    <message>
        <source>drawing</source>
        <translation>手描き</translation>
    </message>
    <message>
        <source>test image: {0}</source>
        <translation>テスト画像: {0}</translation>
    </message>
    <message>
        <source>Draw in the box and watch the network&apos;s guess change as you draw — or click a test image below, or open a picture of your own.</source>
        <extracomment>The image shape the page feeds the network: one channel of 28×28 ink values.</extracomment>
        <translation>枠の中に描くと、描いている間にネットワークの予測が変わっていく様子が見られます。下のテスト画像をクリックしたり、自分の画像を開いたりもできます。</translation>
    </message>
    <message>
        <source>Draw with the left mouse button, erase with the right one. Delete clears, Ctrl+Z undoes (while the canvas has the focus).</source>
        <translation>左ボタンで描き、右ボタンで消します。キャンバスにフォーカスがあるとき、Delete で全部消去、Ctrl+Z で元に戻します。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Wipe the canvas clean</source>
        <translation>キャンバスを全部消します</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Take back the last stroke</source>
        <translation>最後の一筆を取り消します</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Pen width on the 280×280 canvas. The drawing is shrunk to 28×28, so 20 px becomes a stroke about 2 pixels wide, like MNIST&apos;s.</source>
        <translation>280×280 のキャンバスでのペンの太さです。絵は 28×28 に縮小されるので、20 px は MNIST と同じく幅およそ 2 画素の線になります。</translation>
    </message>
    <message>
        <source>Pen:</source>
        <translation>ペン:</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>描く</translation>
    </message>
    <message>
        <source>Send to explorer</source>
        <translation>「層を調べる」で開く</translation>
    </message>
    <message>
        <source>Open this 28×28 input in the explorer to see what each filter finds in it</source>
        <translation>この 28×28 の入力を「層を調べる」ページで開き、各フィルターが何を見つけるかを見ます</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>ネットワークが見る入力</translation>
    </message>
    <message>
        <source>The network&apos;s answer</source>
        <translation>ネットワークの答え</translation>
    </message>
    <message>
        <source>Test images the network has never seen — click one to classify it</source>
        <translation>ネットワークが学習で見ていないテスト画像 — クリックすると分類します</translation>
    </message>
    <message>
        <source>Other images</source>
        <translation>別の画像</translation>
    </message>
    <message>
        <source>Show a different random set of test images</source>
        <translation>別のテスト画像をランダムに選んで表示します</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>画像を開く…</translation>
    </message>
    <message>
        <source>Classify a picture file of your own: it is cropped and centred like a drawing (a dark digit or shape on light paper works best)</source>
        <translation>自分の画像ファイルを分類します。手描きと同じように切り抜いて中央に置きます（明るい紙に濃い数字や図形が最適です）</translation>
    </message>
    <message>
        <source>Open an image to classify</source>
        <translation>分類する画像を開く</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>画像 ({0})</translation>
    </message>
    <message>
        <source>No trained model yet — train one on the Train page</source>
        <translation>学習済みのモデルがまだありません。「ネットワークを学習する」ページで学習してください</translation>
    </message>
    <message numerus="yes">
        <source>This model reads {0}×{1} images with %n channel(s); the classifier needs one trained on 28×28 grayscale images.</source>
        <translation>
            <numerusform>このモデルは {0}×{1}、%n チャンネルの画像を読みます。分類には 28×28 のグレースケール画像で学習したモデルが必要です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Draw something in the box, click a test image or open a picture to see what the network thinks.</source>
        <translation>枠の中に何か描くか、テスト画像をクリックするか、画像を開くと、ネットワークの判断が表示されます。</translation>
    </message>
    <message>
        <source>Input: a test image — its true class is “{0}”.</source>
        <translation>入力: テスト画像（正しいクラスは「{0}」）</translation>
    </message>
    <message>
        <source>Test images are already 28×28 and go in as they are.</source>
        <translation>テスト画像はもともと 28×28 なので、そのまま入力します。</translation>
    </message>
    <message>
        <source>Input: the picture “{0}”.</source>
        <translation>入力: 画像「{0}」</translation>
    </message>
    <message>
        <source>The picture is cropped to its strokes, scaled to fit a 20×20 box and centred in 28×28, the way the MNIST digits were prepared.</source>
        <translation>画像は線の部分で切り抜かれ、20×20 の枠に収まるよう縮小されて 28×28 の中央に置かれます。MNIST の数字と同じ作り方です。</translation>
    </message>
    <message>
        <source>Input: your drawing.</source>
        <translation>入力: あなたの手描き</translation>
    </message>
    <message>
        <source>Your strokes are cropped, scaled to fit a 20×20 box and centred in 28×28, the way the MNIST digits were prepared.</source>
        <translation>描いた線は切り抜かれ、20×20 の枠に収まるよう縮小されて 28×28 の中央に置かれます。MNIST の数字と同じ作り方です。</translation>
    </message>
    <message>
        <source>A test image of “{0}”. Click to classify it.</source>
        <translation>「{0}」のテスト画像です。クリックすると分類します。</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>true class</source>
        <translation>正解のクラス</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>予測したクラス</translation>
    </message>
    <message>
        <source>The confusion matrix
appears after training</source>
        <translation>混同行列は
学習後に表示されます</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: what the network predicted. The diagonal counts the correct answers, every other cell a kind of mistake. Click a cell (or use the arrow keys and Enter) to see its test images</source>
        <translation>行は正解のクラス、列はネットワークの予測です。対角線は正解の数、それ以外のマスは間違いの種類ごとの数です。マスをクリックすると（矢印キーと Enter でも）そのテスト画像が見られます</translation>
    </message>
    <message>
        <source>Click a cell to see its test images</source>
        <translation>マスをクリックすると、そのテスト画像が見られます</translation>
    </message>
    <message numerus="yes">
        <source>True {0}, predicted {1}: %n image(s) (mistakes)</source>
        <translation>
            <numerusform>正解 {0}、予測 {1}: %n 枚（間違い）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True {0}, predicted {1}: %n image(s)</source>
        <translation>
            <numerusform>正解 {0}、予測 {1}: %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>The test images in the chosen cell. Click one to open it in the explorer</source>
        <translation>選んだマスのテスト画像です。クリックすると「層を調べる」ページで開きます</translation>
    </message>
    <message>
        <source>Its cells open the test images behind them</source>
        <translation>マスをクリックすると、その数のもとになったテスト画像が見られます</translation>
    </message>
    <message>
        <source>Test image {0}: true {1}, predicted {2}</source>
        <translation>テスト画像 {0}: 正解 {1}、予測 {2}</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <source>How many pixels the filter moves between two output cells (rows × columns)</source>
        <translation>出力の隣り合うセルの間でフィルターが何画素動くか（行 × 列）</translation>
    </message>
    <message>
        <source>valid (none)</source>
        <translation>valid（なし）</translation>
    </message>
    <message>
        <source>same</source>
        <translation>same</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>Zeros added around the image: &apos;valid&apos; adds none, &apos;same&apos; keeps the size at stride 1, &apos;custom&apos; lets you choose</source>
        <translation>画像の周りに足す 0 の数です。「valid」は足さず、「same」はストライド 1 で大きさを保ち、「指定」では自分で選べます</translation>
    </message>
    <message>
        <source>Rows and columns of zeros added on each side</source>
        <translation>各辺に足す 0 の行数と列数</translation>
    </message>
    <message>
        <source>Spacing between the filter&apos;s cells: 2 leaves one pixel out between them</source>
        <translation>フィルターのセルの間隔です。2 にするとセルの間を 1 画素ずつ空けます</translation>
    </message>
    <message>
        <source>ReLU  max(0, x)</source>
        <translation>ReLU  max(0, x)</translation>
    </message>
    <message>
        <source>none (linear)</source>
        <translation>なし（線形）</translation>
    </message>
    <message>
        <source>ReLU keeps positive responses and sets negative ones to 0: the non-linearity that lets stacked layers express more than one linear map</source>
        <translation>ReLU は正の反応をそのまま残し、負の反応を 0 にします。この非線形性があるので、層を重ねると 1 つの線形写像より多くのことを表せます</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大値</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均値</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Max pooling keeps the strongest response in each window; average pooling keeps the mean</source>
        <translation>最大値プーリングは各窓の中で最も強い反応を、平均値プーリングは平均を残します</translation>
    </message>
    <message>
        <source>Size of each pooling window</source>
        <translation>プーリングの窓の大きさ</translation>
    </message>
    <message>
        <source>= size</source>
        <translation>= サイズ</translation>
    </message>
    <message>
        <source>Move the pooling window by its own size, so windows do not overlap</source>
        <translation>プーリングの窓を窓の大きさだけ動かし、窓が重ならないようにします</translation>
    </message>
    <message>
        <source>How far the pooling window moves</source>
        <translation>プーリングの窓が動く幅</translation>
    </message>
    <message>
        <source>Computing the stages…</source>
        <translation>各段階を計算しています…</translation>
    </message>
    <message>
        <source>These settings take a moment; the stages shown are the previous ones until the new ones are ready</source>
        <translation>この設定では計算に少し時間がかかります。新しい結果ができるまでは前の段階を表示しています</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>畳み込み (Convolution)</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>ストライド (Stride)</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>パディング (Padding)</translation>
    </message>
    <message>
        <source>Dilation</source>
        <translation>ダイレーション（膨張）</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>活性化関数 (Activation)</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>プーリング (Pooling)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Output size = (input + 2·padding − kernel) / stride + 1, rounded down</source>
        <translation>出力サイズ = (入力 + 2·パディング − カーネル) / ストライド + 1（小数点以下切り捨て）</translation>
    </message>
    <message>
        <source>Input {0}×{1} → feature maps {2} × {3}×{4}: the filter does not fit into the padded input</source>
        <translation>入力 {0}×{1} → 特徴マップ {2} × {3}×{4}: フィルターがパディング後の入力に収まりません</translation>
    </message>
    <message>
        <source>Input {0}×{1} → feature maps {2} × {3}×{4} → flattened {5}</source>
        <translation>入力 {0}×{1} → 特徴マップ {2} × {3}×{4} → 平坦化 {5}</translation>
    </message>
    <message>
        <source>Input {0}×{1} → feature maps {2} × {3}×{4} → the pooling window is larger than the feature map</source>
        <translation>入力 {0}×{1} → 特徴マップ {2} × {3}×{4} → プーリングの窓が特徴マップより大きくなっています</translation>
    </message>
    <message>
        <source>Input {0}×{1} → feature maps {2} × {3}×{4} → pooled {2} × {5}×{6} → flattened {7}</source>
        <translation>入力 {0}×{1} → 特徴マップ {2} × {3}×{4} → プーリング後 {2} × {5}×{6} → 平坦化 {7}</translation>
    </message>
    <message>
        <source>rows: {0}</source>
        <translation>行: {0}</translation>
    </message>
    <message>
        <source>cols: {0}</source>
        <translation>列: {0}</translation>
    </message>
</context>
<context>
    <name>Conventions</name>
    <message>
        <source>colour inverted: 0 = full, 1 = none</source>
        <extracomment>Rows, columns, filters, channels and flattened positions are counted from 1 wherever the learner reads them (row 1 is the top row, column 1 the leftmost, filter 1 the first in the list); NumPy&apos;s 0-based indices stay inside the code. Padding lies outside the picture, so its rows and columns read 0 (above, left) or one past the last.</extracomment>
        <translation>カラー（反転）: 0 = 最大、1 = なし</translation>
    </message>
    <message>
        <source>colour: 0 = none, 1 = full</source>
        <translation>カラー: 0 = なし、1 = 最大</translation>
    </message>
    <message>
        <source>gray inverted: 0 = black, 1 = white</source>
        <translation>グレー（反転）: 0 = 黒、1 = 白</translation>
    </message>
    <message>
        <source>gray: 0 = white, 1 = black</source>
        <translation>グレー: 0 = 白、1 = 黒</translation>
    </message>
</context>
<context>
    <name>ConvolutionLesson</name>
    <message>
        <source>The detector does not fit the picture.</source>
        <extracomment>The ways to slide the window the lesson offers: (stride, padding), the note&apos;s first. The settings the question asks the output size for (not among the modes&apos; answers shown at the start, so it is worked out, not read off). Milliseconds between steps at the slowest and fastest speed.</extracomment>
        <translation>特徴検出器が画像に収まりません。</translation>
    </message>
    <message>
        <source>Step %1 of %2: the window&apos;s top-left corner is at row %3, column %4. The products that are not 0 add up to &lt;b&gt;%5 = %6&lt;/b&gt;, which lands in row %7, column %8 of the feature map.</source>
        <translation>ステップ %1 / %2：窓の左上は %3 行 %4 列にあります。0 でない積を足すと &lt;b&gt;%5 = %6&lt;/b&gt; になり、これが特徴マップの %7 行 %8 列に入ります。</translation>
    </message>
    <message>
        <source>Step %1 of %2: the window&apos;s top-left corner is at row %3, column %4. Every product is 0, so the sum is &lt;b&gt;%6&lt;/b&gt;, which lands in row %7, column %8 of the feature map.</source>
        <translation>ステップ %1 / %2：窓の左上は %3 行 %4 列にあります。積はすべて 0 なので、和は &lt;b&gt;%6&lt;/b&gt; になり、これが特徴マップの %7 行 %8 列に入ります。</translation>
    </message>
    <message>
        <source>Feature-map size: (n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = &lt;b&gt;%5&lt;/b&gt; rows and as many columns.</source>
        <translation>特徴マップの大きさ：(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = &lt;b&gt;%5&lt;/b&gt; 行、列も同じ数です。</translation>
    </message>
    <message>
        <source>Feature-map rows: (n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>特徴マップの行数：(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Feature-map columns: (n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>特徴マップの列数：(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>n: picture size, p: padding, k: detector size, s: stride; a remainder is dropped.</source>
        <translation>n：画像の大きさ、p：パディング、k：特徴検出器の大きさ、s：ストライド。割り算の余りは切り捨てます。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>Before you try it: with stride %1 and padding %2, how many columns wide will the feature map of this %3-column picture and %4-column detector be?</source>
        <translation>試す前に考えてみましょう。ストライド %1、パディング %2 のとき、%3 列の画像と %4 列の特徴検出器から得られる特徴マップは何列になりますか？</translation>
    </message>
    <message>
        <source>(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = %5 ÷ %4 + 1, dropping the remainder: %6 columns.</source>
        <translation>(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = %5 ÷ %4 + 1 で、余りを切り捨てると %6 列です。</translation>
    </message>
    <message>
        <source>(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = %5 ÷ %4 + 1 = %6 columns.</source>
        <translation>(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = %5 ÷ %4 + 1 = %6 列です。</translation>
    </message>
    <message>
        <source>Blocks side by side (stride %1, as in the note)</source>
        <translation>ブロックごとに重ならず（ストライド %1、備忘録と同じ）</translation>
    </message>
    <message>
        <source>Stride %1, padding %2</source>
        <translation>ストライド %1、パディング %2</translation>
    </message>
    <message>
        <source>Stride %1, no padding</source>
        <translation>ストライド %1、パディングなし</translation>
    </message>
    <message>
        <source>Slide by:</source>
        <translation>ずらし方：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速さ：</translation>
    </message>
    <message>
        <source>One step back</source>
        <translation>1 ステップ戻る</translation>
    </message>
    <message>
        <source>One step forward</source>
        <translation>1 ステップ進む</translation>
    </message>
    <message>
        <source>Input (orange: the window)</source>
        <translation>入力（オレンジ：窓）</translation>
    </message>
    <message>
        <source>Feature detector</source>
        <translation>特徴検出器</translation>
    </message>
    <message>
        <source>Products, cell by cell</source>
        <translation>マスごとの積</translation>
    </message>
    <message>
        <source>Feature map (click a cell to jump to it)</source>
        <translation>特徴マップ（マスをクリックするとそこへ移動）</translation>
    </message>
    <message>
        <source>Convolution, step by step</source>
        <translation>畳み込みを一歩ずつ（Convolution）</translation>
    </message>
    <message>
        <source>&lt;p&gt;The feature detector is laid over one block of the picture. Each pair of cells is multiplied (each picture cell by the weight over it) and the products are added up; the sum becomes one cell of the &lt;b&gt;feature map&lt;/b&gt;. Then the detector moves on.&lt;/p&gt;&lt;p&gt;In the study note&apos;s example the blocks do not overlap: the detector moves by its own size. It can also slide by 1 or 2 cells (the &lt;b&gt;stride&lt;/b&gt;), and zeros can be added round the picture (&lt;b&gt;padding&lt;/b&gt;) so it reaches the edges. Press Play, or step through with ◀ and ▶.&lt;/p&gt;</source>
        <translation>&lt;p&gt;特徴検出器を画像の 1 つのブロックに重ねます。重なったマスどうしを掛け合わせ（画像のマス × 上の重み）、その積をすべて足し合わせます。その合計が&lt;b&gt;特徴マップ&lt;/b&gt;の 1 マスになります。そして特徴検出器は次の場所へ移ります。&lt;/p&gt;&lt;p&gt;備忘録の例では、ブロックは重なりません。特徴検出器は自分の大きさの分だけずれます。1 マスや 2 マスずつずらすこと（&lt;b&gt;ストライド&lt;/b&gt;）もでき、画像の周りに 0 を足して（&lt;b&gt;パディング&lt;/b&gt;）端まで届かせることもできます。「再生」を押すか、◀ と ▶ で一歩ずつ進めてください。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>正解率</translation>
    </message>
    <message>
        <source>Cross-entropy loss after each epoch on the training images (blue) and on the held-out validation images (orange); the grey line follows the recent mini-batches, smoothed</source>
        <translation>各エポック後の交差エントロピー誤差です。学習画像（青）と、学習に使わない検証画像（オレンジ）。灰色の線は直近のミニバッチを平滑化したものです</translation>
    </message>
    <message>
        <source>Share of images classified correctly after each epoch: training (blue) and validation (orange). A validation curve that falls while training rises means the network is memorising rather than learning</source>
        <translation>各エポック後に正しく分類できた画像の割合です。学習（青）と検証（オレンジ）。学習の曲線が上がるのに検証の曲線が下がるときは、ネットワークが学ぶのではなく丸暗記しています（過学習）</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;━━ ●&lt;/span&gt; train &amp;nbsp;&amp;nbsp; &lt;span style=&apos;color:{1}&apos;&gt;╍╍ ■&lt;/span&gt; validation &amp;nbsp;&amp;nbsp; &lt;span style=&apos;color:{2}&apos;&gt;━━&lt;/span&gt; recent mini-batches (smoothed)</source>
        <translation>&lt;span style=&apos;color:{0}&apos;&gt;━━ ●&lt;/span&gt; 学習 &amp;nbsp;&amp;nbsp; &lt;span style=&apos;color:{1}&apos;&gt;╍╍ ■&lt;/span&gt; 検証 &amp;nbsp;&amp;nbsp; &lt;span style=&apos;color:{2}&apos;&gt;━━&lt;/span&gt; 直近のミニバッチ（平滑化）</translation>
    </message>
    <message>
        <source>Validation images are held out from the training images and never trained on</source>
        <translation>検証画像は学習画像から取り分けたもので、学習には使いません</translation>
    </message>
    <message>
        <source>Loss (lower is better)</source>
        <translation>損失（低いほど良い）</translation>
    </message>
    <message>
        <source>Accuracy (higher is better)</source>
        <translation>正解率（高いほど良い）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
</context>
<context>
    <name>DataSources</name>
    <message>
        <source>MNIST digits (bundled)</source>
        <translation>MNIST の数字（同梱）</translation>
    </message>
    <message>
        <source>Shapes (generated)</source>
        <translation>図形（自動生成）</translation>
    </message>
    <message>
        <source>Image folder…</source>
        <translation>画像フォルダー…</translation>
    </message>
    <message>
        <source>My classes</source>
        <translation>自分のクラス</translation>
    </message>
</context>
<context>
    <name>DatasetPanel</name>
    <message>
        <source>Where the training images come from</source>
        <translation>学習に使う画像をどこから取るか</translation>
    </message>
    <message>
        <source>&amp;Data:</source>
        <translation>データ(&amp;D):</translation>
    </message>
    <message>
        <source>5,000 real handwritten digits (28×28 pixels), 500 of each digit; 4,000 for training and 1,000 held out for testing.</source>
        <translation>本物の手書き数字 5,000 枚（28×28 画素）、各数字 500 枚ずつです。4,000 枚を学習に使い、1,000 枚をテスト用に取っておきます。</translation>
    </message>
    <message>
        <source>Outlines of circles, squares, triangles, crosses and lines, drawn at random sizes, positions and tilts, with some noise.</source>
        <translation>円、正方形、三角形、バツ印、線の輪郭を、大きさ・位置・傾きをランダムに変え、少しノイズを加えて描いたものです。</translation>
    </message>
    <message>
        <source>How many shapes to train on; a fifth as many more are made for testing. More images train better but slower.</source>
        <translation>学習に使う図形の数です。テスト用にその 5 分の 1 の数を別に作ります。画像が多いほどよく学習できますが、時間がかかります</translation>
    </message>
    <message>
        <source>&amp;Training images:</source>
        <translation>学習画像の数(&amp;T):</translation>
    </message>
    <message>
        <source>A folder with one subfolder per class; the subfolder names become the class names. Each picture is cropped, scaled and centred like an MNIST digit.</source>
        <translation>クラスごとにサブフォルダーを 1 つずつ持つフォルダーです。サブフォルダーの名前がクラス名になります。画像はそれぞれ MNIST の数字と同じように切り抜き、縮小して中央に置きます。</translation>
    </message>
    <message>
        <source>Choose &amp;folder…</source>
        <translation>フォルダーを選ぶ(&amp;F)…</translation>
    </message>
    <message>
        <source>Pick the folder that holds one subfolder of pictures per class</source>
        <translation>クラスごとの画像のサブフォルダーが入ったフォルダーを選びます</translation>
    </message>
    <message>
        <source>No folder chosen</source>
        <translation>フォルダーが選ばれていません</translation>
    </message>
    <message>
        <source>Pictures read so far</source>
        <translation>これまでに読み込んだ画像</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Stop reading the folder</source>
        <translation>フォルダーの読み込みを中止します</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>例</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Your classes. Select one to draw or import examples into it; double-click a name (or press F2) to rename it.</source>
        <translation>あなたのクラスです。クラスを選ぶと、そのクラスに例を描いたり画像を取り込んだりできます。名前をダブルクリックする（または F2 を押す）と名前を変えられます。</translation>
    </message>
    <message>
        <source>New class name</source>
        <translation>新しいクラスの名前</translation>
    </message>
    <message>
        <source>Type a name and press Enter to add a class</source>
        <translation>名前を入力して Enter を押すと、クラスを追加します</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add a class with the name typed on the left</source>
        <translation>左に入力した名前でクラスを追加します</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Rename the selected class (F2)</source>
        <translation>選んだクラスの名前を変えます（F2）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete the selected class with all its examples</source>
        <translation>選んだクラスを、その例もすべて含めて削除します</translation>
    </message>
    <message>
        <source>Draw an example of the selected class: left button draws, right button erases. Then press “Add”.</source>
        <translation>選んだクラスの例を描きます。左ボタンで描き、右ボタンで消します。描けたら「追加」を押してください。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Wipe the drawing (Delete key on the canvas)</source>
        <translation>絵を全部消します（キャンバス上で Delete キー）</translation>
    </message>
    <message>
        <source>What the network will get: the drawing cropped, scaled into 20×20 and centred in 28×28, like the MNIST digits</source>
        <translation>ネットワークが受け取る画像です。MNIST の数字と同じように、絵を切り抜いて 20×20 に縮小し、28×28 の中央に置いたものです</translation>
    </message>
    <message>
        <source>Import pictures…</source>
        <translation>画像を取り込む…</translation>
    </message>
    <message>
        <source>Add picture files to the selected class (each one is cropped, scaled and centred like a drawing)</source>
        <translation>画像ファイルを選んだクラスに追加します（それぞれ手描きと同じように切り抜き、縮小して中央に置きます）</translation>
    </message>
    <message>
        <source>Network input:</source>
        <translation>入力画像:</translation>
    </message>
    <message>
        <source>The examples of the selected class. Select bad ones and press Delete.</source>
        <translation>選んだクラスの例です。よくない例を選んで Delete を押すと削除できます。</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>選んだ例を削除</translation>
    </message>
    <message>
        <source>Remove the selected examples from the class (Delete key)</source>
        <translation>選んだ例をクラスから取り除きます（Delete キー）</translation>
    </message>
    <message>
        <source>Save collection…</source>
        <translation>一式を保存…</translation>
    </message>
    <message>
        <source>Save all classes and examples to a folder (PNG pictures plus a list of the classes)</source>
        <translation>すべてのクラスと例をフォルダーに保存します（PNG 画像とクラスの一覧）</translation>
    </message>
    <message>
        <source>Load collection…</source>
        <translation>一式を読み込む…</translation>
    </message>
    <message>
        <source>Open a saved collection, or any folder with one subfolder of pictures per class; it replaces the classes shown here</source>
        <translation>保存したクラスの一式か、クラスごとに画像のサブフォルダーを持つフォルダーを開きます。ここに表示中のクラスは置き換えられます</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Each class with its number of training and test images and a few samples</source>
        <translation>各クラスの学習画像とテスト画像の枚数と、いくつかのサンプルです</translation>
    </message>
    <message>
        <source>The image folder is still being read…</source>
        <translation>画像フォルダーをまだ読み込んでいます…</translation>
    </message>
    <message>
        <source>Choose a folder with one subfolder of pictures per class.</source>
        <translation>クラスごとに画像のサブフォルダーを持つフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>{0} training and {1} test images in {2} classes.</source>
        <translation>{2} クラス、学習画像 {0} 枚、テスト画像 {1} 枚です。</translation>
    </message>
    <message>
        <source>Choose an image folder</source>
        <translation>画像フォルダーを選ぶ</translation>
    </message>
    <message>
        <source>Read {0} pictures in {1} classes.</source>
        <translation>{1} クラスの画像を {0} 枚読み込みました。</translation>
    </message>
    <message>
        <source>Reading the folder failed: {0}</source>
        <translation>フォルダーを読み込めませんでした：{0}</translation>
    </message>
    <message>
        <source>Reading the folder was cancelled.</source>
        <translation>フォルダーの読み込みを中止しました。</translation>
    </message>
    <message>
        <source>Add a class first, then draw examples of it.</source>
        <translation>先にクラスを追加してから、その例を描いてください。</translation>
    </message>
    <message>
        <source>The canvas is empty: draw an example first.</source>
        <translation>キャンバスが空です。先に例を描いてください。</translation>
    </message>
    <message>
        <source>Add a class first, then import pictures into it.</source>
        <translation>先にクラスを追加してから、そこに画像を取り込んでください。</translation>
    </message>
    <message>
        <source>Your classes could not be kept for the next start: {0}</source>
        <translation>次回の起動のためにクラスを保存しておけませんでした：{0}</translation>
    </message>
    <message>
        <source>Your classes from the last run could not be read: {0}</source>
        <translation>前回のクラスを読み込めませんでした：{0}</translation>
    </message>
    <message>
        <source>Start with a class: type its name (for example “cat”) and press Add. Each class needs at least 2 examples.</source>
        <translation>まずクラスを作りましょう。名前（たとえば「ねこ」）を入力して「追加」を押します。どのクラスにも例が 2 つ以上必要です。</translation>
    </message>
    <message>
        <source>Ready to train: {0} classes, {1} examples.</source>
        <translation>学習の準備ができました：{0} クラス、例 {1} 個。</translation>
    </message>
    <message>
        <source>Examples of “{0}”: {1}</source>
        <translation>「{0}」の例：{1} 個</translation>
    </message>
    <message>
        <source>Example {0}</source>
        <translation>例 {0}</translation>
    </message>
    <message>
        <source>Add to “{0}”</source>
        <translation>「{0}」に追加</translation>
    </message>
    <message>
        <source>Add drawing</source>
        <translation>絵を追加</translation>
    </message>
    <message>
        <source>Add the drawing to the class “{0}” (Ctrl+Enter)</source>
        <translation>絵をクラス「{0}」に追加します（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Add a class first</source>
        <translation>先にクラスを追加してください</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>クラスの削除</translation>
    </message>
    <message>
        <source>Import pictures</source>
        <translation>画像を取り込む</translation>
    </message>
    <message>
        <source>Pictures ({0})</source>
        <translation>画像 ({0})</translation>
    </message>
    <message>
        <source>Save the collection in a folder (new or empty)</source>
        <translation>一式を保存するフォルダー（新しいか空のもの）</translation>
    </message>
    <message>
        <source>Load collection</source>
        <translation>一式の読み込み</translation>
    </message>
    <message>
        <source>Replace your current classes, which are not saved?</source>
        <translation>いまのクラスはまだ保存されていません。置き換えますか？</translation>
    </message>
    <message>
        <source>Open a saved collection</source>
        <translation>保存した一式を開く</translation>
    </message>
</context>
<context>
    <name>DrawCanvas</name>
    <message>
        <source>Draw with the left mouse button, erase with the right one.</source>
        <translation>左ボタンで描き、右ボタンで消します。</translation>
    </message>
</context>
<context>
    <name>EpochLabel</name>
    <message>
        <source>Training history: {0}</source>
        <translation>学習の履歴：{0}</translation>
    </message>
    <message>
        <source>The layers show the network as it was at this point of the last training run. Move the training history slider on the Train page to see another epoch.</source>
        <translation>各層は、前回の学習のこの時点でのネットワークを表示しています。ほかのエポックを見るには、学習ページの「学習の履歴」のスライダーを動かしてください。</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>“{0}” does not exist.</source>
        <translation>「{0}」は存在しません。</translation>
    </message>
    <message>
        <source>“{0}” cannot be read.</source>
        <translation>「{0}」を読み込めません。</translation>
    </message>
    <message>
        <source>“{0}” is not a CNN Lab model file.</source>
        <translation>「{0}」は CNN Lab のモデルファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is not a CNN Lab model file: it is damaged, truncated or of another kind.</source>
        <translation>「{0}」は CNN Lab のモデルファイルではありません。壊れているか、途中で切れているか、別の種類のファイルです。</translation>
    </message>
    <message>
        <source>“{0}” contains Python objects; CNN Lab never loads those, for safety.</source>
        <translation>「{0}」には Python のオブジェクトが含まれています。安全のため、CNN Lab はこれを読み込みません。</translation>
    </message>
    <message>
        <source>“{0}” was written by another version of CNN Lab (model format {1}; this one reads format {2}).</source>
        <translation>「{0}」は別のバージョンの CNN Lab で保存されています（モデル形式 {1}。このバージョンが読めるのは形式 {2} です）。</translation>
    </message>
    <message>
        <source>“{0}” is far too large to be a CNN Lab model.</source>
        <translation>「{0}」は CNN Lab のモデルとしては大きすぎます。</translation>
    </message>
    <message>
        <source>“{0}” describes a network CNN Lab cannot build: {1}</source>
        <translation>「{0}」のネットワークは CNN Lab では組み立てられません：{1}</translation>
    </message>
    <message>
        <source>“{0}”: the description of the network nests {1} levels deep; at most {2} are allowed.</source>
        <translation>「{0}」：ネットワークの記述が {1} 段の入れ子になっています。許されるのは {2} 段までです。</translation>
    </message>
    <message>
        <source>“{0}”: the network has {1} outputs but {2} class names (or names that are not short texts).</source>
        <translation>「{0}」：ネットワークの出力は {1} 個ですが、クラス名が {2} 個です（または短い文字列でない名前があります）。</translation>
    </message>
    <message>
        <source>“{0}”: the weights “{1}” are missing.</source>
        <translation>「{0}」：重み「{1}」がありません。</translation>
    </message>
    <message>
        <source>“{0}” holds an array “{1}” that no model of this kind has.</source>
        <translation>「{0}」には、この種類のモデルにはない配列「{1}」が含まれています。</translation>
    </message>
    <message>
        <source>“{0}”: the weights “{1}” have shape {2}, but the network needs {3}.</source>
        <translation>「{0}」：重み「{1}」の形は {2} ですが、ネットワークには {3} が必要です。</translation>
    </message>
    <message>
        <source>“{0}”: the weights “{1}” are stored as {2}; only float32 and float64 are accepted.</source>
        <translation>「{0}」：重み「{1}」は {2} で保存されています。使えるのは float32 と float64 だけです。</translation>
    </message>
    <message>
        <source>“{0}”: the weights “{1}” contain NaN or infinity.</source>
        <translation>「{0}」：重み「{1}」に NaN または無限大が含まれています。</translation>
    </message>
    <message>
        <source>“{0}”: the weights are so large that the class scores overflow.</source>
        <translation>「{0}」：重みが大きすぎて、クラスのスコアがあふれてしまいます。</translation>
    </message>
    <message>
        <source>The network has no list of layers.</source>
        <translation>ネットワークに層の一覧がありません。</translation>
    </message>
    <message>
        <source>The network has {0} layers; at most {1} are allowed.</source>
        <translation>ネットワークの層が {0} 個あります。許されるのは {1} 個までです。</translation>
    </message>
    <message>
        <source>Layer {0} is of no known kind.</source>
        <translation>第 {0} 層は知られていない種類の層です。</translation>
    </message>
    <message>
        <source>Layer {0} ({1}): the setting “{2}” is missing, unexpected or not a whole number.</source>
        <translation>第 {0} 層（{1}）：設定「{2}」がないか、余分か、整数ではありません。</translation>
    </message>
    <message>
        <source>Layer {0} ({1}): {2} = {3} is outside {4} to {5}.</source>
        <translation>第 {0} 層（{1}）：{2} = {3} は {4}〜{5} の範囲外です。</translation>
    </message>
    <message>
        <source>The input shape {0} is out of range.</source>
        <translation>入力の形 {0} は範囲外です。</translation>
    </message>
    <message>
        <source>The input shape must be (channels, rows, columns), not {0}.</source>
        <translation>入力の形は（チャンネル, 行, 列）でなければなりません。{0} は使えません。</translation>
    </message>
    <message numerus="yes">
        <source>Layer {0} (Conv2D) expects %n input channel(s) but receives shape {1}.</source>
        <translation>
            <numerusform>第 {0} 層（Conv2D）は入力チャンネルを %n 個と想定していますが、受け取った形は {1} です。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Layer {0} (Dense) expects %n input(s) but receives shape {1}.</source>
        <translation>
            <numerusform>第 {0} 層（Dense）は入力を %n 個と想定していますが、受け取った形は {1} です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer {0} pools feature maps, but receives shape {1}.</source>
        <translation>第 {0} 層は特徴マップをプーリングする層ですが、受け取った形は {1} です。</translation>
    </message>
    <message numerus="yes">
        <source>The convolution kernel spans %n cell(s), more than its input of {0}: no output is left.</source>
        <translation>
            <numerusform>畳み込みのカーネルは %n マス分の幅があり、入力の {0} マスより大きいため、出力が残りません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The pool window spans %n cell(s), more than its input of {0}: no output is left.</source>
        <translation>
            <numerusform>プーリングの窓は %n マス分の幅があり、入力の {0} マスより大きいため、出力が残りません。</numerusform>
        </translation>
    </message>
    <message>
        <source>The last layer must be a Dense layer.</source>
        <translation>最後の層は Dense 層（全結合層）でなければなりません。</translation>
    </message>
    <message>
        <source>Block {0} is not a convolution block.</source>
        <translation>第 {0} ブロックは畳み込みブロックではありません。</translation>
    </message>
    <message>
        <source>Block {0}: the {1} must be a whole number.</source>
        <translation>第 {0} ブロック：{1}は整数でなければなりません。</translation>
    </message>
    <message>
        <source>Block {0}: the {1} must be between {3} and {4}, not {2}.</source>
        <translation>第 {0} ブロック：{1}は {3}〜{4} の範囲で指定してください（{2} は範囲外です）。</translation>
    </message>
    <message>
        <source>Block {0}: “{2}” is not a possible {1}.</source>
        <translation>第 {0} ブロック：「{2}」は{1}として選べません。</translation>
    </message>
    <message>
        <source>The network has {0} hidden layers; at most {1} are allowed.</source>
        <translation>ネットワークの隠れ層が {0} 層あります。{1} 層までにしてください。</translation>
    </message>
    <message>
        <source>Hidden layer {0}: {1} units is outside {2} to {3}.</source>
        <translation>第 {0} 隠れ層：ユニット数 {1} は {2}〜{3} の範囲外です。</translation>
    </message>
    <message>
        <source>A network needs between {1} and {2} classes, not {0}.</source>
        <translation>ネットワークのクラス数は {1}〜{2} でなければなりません（{0} は範囲外です）。</translation>
    </message>
    <message>
        <source>Layer {0} does not fit the pattern of convolution blocks followed by hidden layers.</source>
        <translation>第 {0} 層は「畳み込みブロックの後に隠れ層が続く」形に当てはまりません。</translation>
    </message>
    <message>
        <source>The network has {0} parameters; at most {1} are allowed.</source>
        <translation>ネットワークのパラメーターが {0} 個あります。許されるのは {1} 個までです。</translation>
    </message>
    <message>
        <source>number of filters</source>
        <translation>フィルター数</translation>
    </message>
    <message>
        <source>kernel size</source>
        <translation>カーネルの大きさ</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>dilation</source>
        <translation>ダイレーション</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>活性化関数</translation>
    </message>
    <message>
        <source>pooling</source>
        <translation>プーリング</translation>
    </message>
    <message>
        <source>pool size</source>
        <translation>プーリングの大きさ</translation>
    </message>
    <message>
        <source>pool stride</source>
        <translation>プーリングのストライド</translation>
    </message>
    <message>
        <source>Block {0}: the convolution kernel spans {1} cells, more than its input of {2}: no output is left. Use a smaller kernel, stride or dilation, more padding, or fewer blocks.</source>
        <translation>第 {0} ブロック：畳み込みのカーネルは {1} マス分の幅があり、入力の {2} マスより大きいため、出力が残りません。カーネル、ストライド、ダイレーションを小さくするか、パディングを増やすか、ブロックを減らしてください。</translation>
    </message>
    <message>
        <source>Block {0}: the pool window spans {1} cells, more than its input of {2}: no output is left. Use a smaller pool or fewer blocks.</source>
        <translation>第 {0} ブロック：プーリングの窓は {1} マス分の幅があり、入力の {2} マスより大きいため、出力が残りません。プーリングを小さくするか、ブロックを減らしてください。</translation>
    </message>
    <message>
        <source>There is no class {0}; the network has {1} classes.</source>
        <translation>クラス {0} はありません。このネットワークのクラスは {1} 個です。</translation>
    </message>
    <message>
        <source>There is no layer {0}; the network has {1} layers.</source>
        <translation>第 {0} 層はありません。このネットワークは {1} 層です。</translation>
    </message>
    <message>
        <source>Layer {0} has no unit {1}; it has {2}.</source>
        <translation>第 {0} 層にユニット {1} はありません。ユニットは {2} 個です。</translation>
    </message>
    <message>
        <source>Layer {0} ({1}) has no filters or hidden units to switch off.</source>
        <translation>第 {0} 層（{1}）には、オフにできるフィルターや隠れ層のユニットがありません。</translation>
    </message>
    <message>
        <source>The patch and its step must be at least 1 pixel.</source>
        <translation>パッチとその移動幅は 1 画素以上にしてください。</translation>
    </message>
    <message>
        <source>A {0} patch does not fit in a {1} image.</source>
        <translation>{0} のパッチは {1} の画像に収まりません。</translation>
    </message>
    <message>
        <source>The network takes images of shape {0}, not {1}.</source>
        <translation>このネットワークが受け取る画像の形は {0} です（{1} ではありません）。</translation>
    </message>
    <message>
        <source>the problem is “{0}”.</source>
        <translation>問題は「{0}」です。</translation>
    </message>
    <message>
        <source>The folder “{0}” does not exist.</source>
        <translation>フォルダー「{0}」は存在しません。</translation>
    </message>
    <message>
        <source>“{0}” is a file, not a folder.</source>
        <translation>「{0}」はフォルダーではなくファイルです。</translation>
    </message>
    <message>
        <source>“{0}” has no subfolders. Put the pictures of each class in a subfolder named after the class, for example “cat” and “dog”.</source>
        <translation>「{0}」にはサブフォルダーがありません。クラスごとに、クラス名を付けたサブフォルダー（たとえば「ねこ」と「いぬ」）に画像を入れてください。</translation>
    </message>
    <message>
        <source>“{0}” has only one class subfolder (“{1}”); a classifier needs at least two.</source>
        <translation>「{0}」にはクラスのサブフォルダーが 1 つ（「{1}」）しかありません。分類するには少なくとも 2 つ必要です。</translation>
    </message>
    <message>
        <source>A class name must be text.</source>
        <translation>クラス名は文字列でなければなりません。</translation>
    </message>
    <message>
        <source>A class needs a name.</source>
        <translation>クラスには名前が必要です。</translation>
    </message>
    <message numerus="yes">
        <source>Class names are limited to %n character(s).</source>
        <translation>
            <numerusform>クラス名は %n 文字までです。</numerusform>
        </translation>
    </message>
    <message>
        <source>There is already a class called “{0}”.</source>
        <translation>「{0}」という名前のクラスはすでにあります。</translation>
    </message>
    <message>
        <source>There is no class called “{0}”.</source>
        <translation>「{0}」という名前のクラスはありません。</translation>
    </message>
    <message>
        <source>An example must be a {0}×{0} image, not {1}.</source>
        <translation>例は {0}×{0} の画像でなければなりません（{1} は使えません）。</translation>
    </message>
    <message>
        <source>An example must not contain NaN or infinite values.</source>
        <translation>例に NaN や無限大の値を含めることはできません。</translation>
    </message>
    <message>
        <source>“{0}” has no example number {1}.</source>
        <translation>「{0}」には {1} 番目の例がありません。</translation>
    </message>
    <message numerus="yes">
        <source>Add at least 2 classes, each with at least 2 examples (you have %n class(es)).</source>
        <translation>
            <numerusform>クラスを少なくとも 2 つ作り、それぞれに例を 2 つ以上入れてください（今のクラスは %n 個です）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n more example(s) to “{0}”: every class needs at least 2 (one to train on, one to test with).</source>
        <translation>
            <numerusform>「{0}」に例をあと %n 個追加してください。どのクラスにも少なくとも 2 つ（学習用に 1 つ、テスト用に 1 つ）必要です。</numerusform>
        </translation>
    </message>
    <message>
        <source>“{0}” already holds other files. Choose an empty folder, or a folder where a class collection was saved before.</source>
        <translation>「{0}」にはすでに別のファイルがあります。空のフォルダーか、以前にクラスの一式を保存したフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Could not save to “{0}”: {1}. The folder still holds what it held before.</source>
        <translation>「{0}」に保存できませんでした：{1}。フォルダーの中身は前のままです。</translation>
    </message>
    <message>
        <source>“{0}” is not a saved class collection: it has no {1} and no class subfolders.</source>
        <translation>「{0}」は保存されたクラスの一式ではありません。{1} もクラスのサブフォルダーもありません。</translation>
    </message>
    <message>
        <source>“{0}” in “{1}” is damaged or not a CNN Lab class collection.</source>
        <translation>「{1}」の「{0}」は壊れているか、CNN Lab のクラスの一式ではありません。</translation>
    </message>
    <message>
        <source>“{0}” in “{1}” lists a bad class: {2}</source>
        <translation>「{1}」の「{0}」に正しくないクラスがあります：{2}</translation>
    </message>
    <message>
        <source>“{0}”</source>
        <translation>「{0}」</translation>
    </message>
    <message>
        <source>The text</source>
        <translation>そのテキスト</translation>
    </message>
    <message>
        <source>{0} does not exist.</source>
        <translation>{0}は存在しません。</translation>
    </message>
    <message>
        <source>{0} is not a file.</source>
        <translation>{0}はファイルではありません。</translation>
    </message>
    <message>
        <source>{0} cannot be read ({1}).</source>
        <translation>{0}を読み込めません（{1}）。</translation>
    </message>
    <message>
        <source>{0} is too large: {1} bytes, at most {2} are allowed.</source>
        <translation>{0}は大きすぎます：{1} バイトあります。許されるのは {2} バイトまでです。</translation>
    </message>
    <message>
        <source>{0} is not a text file.</source>
        <translation>{0}はテキストファイルではありません。</translation>
    </message>
    <message>
        <source>{0} is not a JSON file ({1}, line {2}).</source>
        <translation>{0}は JSON ファイルではありません（{1}、{2} 行目）。</translation>
    </message>
    <message>
        <source>{0} nests its lists {1} levels deep; at most {2} are allowed.</source>
        <translation>{0}はリストが {1} 段の入れ子になっています。許されるのは {2} 段までです。</translation>
    </message>
    <message>
        <source>“{0}” is not a picture file.</source>
        <translation>「{0}」は画像ファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” could not be read: {1}</source>
        <translation>「{0}」を読み込めませんでした：{1}</translation>
    </message>
    <message>
        <source>The folder of the class “{0}” is missing.</source>
        <translation>クラス「{0}」のフォルダーがありません。</translation>
    </message>
    <message>
        <source>“{0}” is a folder, not an image file.</source>
        <translation>「{0}」はフォルダーで、画像ファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is a named pipe, not an image file.</source>
        <translation>「{0}」は名前付きパイプで、画像ファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is a device, not an image file.</source>
        <translation>「{0}」はデバイスで、画像ファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is not a regular file, so it cannot be an image.</source>
        <translation>「{0}」は通常のファイルではないため、画像として開けません。</translation>
    </message>
    <message>
        <source>“{0}” is empty (0 bytes).</source>
        <translation>「{0}」は空です（0 バイト）。</translation>
    </message>
    <message>
        <source>“{0}” is too large to open ({1} MB).</source>
        <translation>「{0}」は大きすぎて開けません（{1} MB）。</translation>
    </message>
    <message>
        <source>“{0}” is not an image CNN Lab can read. Try a PNG, JPEG, BMP or GIF file.</source>
        <translation>「{0}」は CNN Lab が読める画像ではありません。PNG、JPEG、BMP、GIF のファイルを試してください。</translation>
    </message>
    <message>
        <source>“{0}” is too large ({1}×{2} pixels); the limit is {3} megapixels.</source>
        <translation>「{0}」は大きすぎます（{1}×{2} 画素）。上限は {3} メガピクセルです。</translation>
    </message>
    <message>
        <source>“{0}” is damaged or incomplete ({1}).</source>
        <translation>「{0}」は壊れているか、途中で切れています（{1}）。</translation>
    </message>
    <message>
        <source>“{0}” could not be decoded: the file is damaged or not really an image ({1}).</source>
        <translation>「{0}」を読み込めませんでした。ファイルが壊れているか、実際には画像ではありません（{1}）。</translation>
    </message>
    <message>
        <source>“{0}” could not be encoded as PNG.</source>
        <translation>「{0}」を PNG に変換できませんでした。</translation>
    </message>
    <message>
        <source>{0} is not a number.</source>
        <translation>{0} は数値ではありません。</translation>
    </message>
    <message>
        <source>Weights are limited to ±{0}; {1} is too large.</source>
        <translation>重みは ±{0} までです。{1} は大きすぎます。</translation>
    </message>
    <message>
        <source>Weights are limited to ±{0}; a {1}-digit number is far too large.</source>
        <translation>重みは ±{0} までです。{1} 桁の数は大きすぎます。</translation>
    </message>
    <message>
        <source>A weight must be a finite number (not NaN or infinity).</source>
        <translation>重みは有限の数でなければなりません（NaN や無限大は使えません）。</translation>
    </message>
    <message>
        <source>Each filter must be an object with a name and weights.</source>
        <translation>各フィルターは名前と重みを持つオブジェクトでなければなりません。</translation>
    </message>
    <message>
        <source>A filter&apos;s name must be text.</source>
        <translation>フィルターの名前は文字列でなければなりません。</translation>
    </message>
    <message numerus="yes">
        <source>A filter&apos;s name must be at most %n character(s) long.</source>
        <translation>
            <numerusform>フィルターの名前は %n 文字以内にしてください。</numerusform>
        </translation>
    </message>
    <message>
        <source>A filter&apos;s preset must be the name of a preset.</source>
        <translation>フィルターのプリセットにはプリセットの名前を指定してください。</translation>
    </message>
    <message>
        <source>Filter weights must be a grid of numbers.</source>
        <translation>フィルターの重みは数値の格子でなければなりません。</translation>
    </message>
    <message>
        <source>Filter weights must be k×k grids up to {0}×{0}.</source>
        <translation>フィルターの重みは {0}×{0} までの k×k の格子でなければなりません。</translation>
    </message>
    <message>
        <source>A filter has one grid per colour channel: 1 (grey) or 3 (RGB).</source>
        <translation>フィルターはチャンネルごとに 1 つの格子を持ちます。1 つ（グレー）か 3 つ（RGB）です。</translation>
    </message>
    <message>
        <source>The weights must have shape {0}, not {1}.</source>
        <translation>重みの形は {1} ではなく {0} でなければなりません。</translation>
    </message>
    <message>
        <source>A layer needs at least one filter.</source>
        <translation>層には少なくとも 1 つのフィルターが必要です。</translation>
    </message>
    <message numerus="yes">
        <source>A layer holds at most %n filter(s).</source>
        <translation>
            <numerusform>1 つの層に置けるフィルターは %n 個までです。</numerusform>
        </translation>
    </message>
    <message>
        <source>All filters of a layer must have the same size.</source>
        <translation>層のフィルターはすべて同じ大きさでなければなりません。</translation>
    </message>
    <message>
        <source>The kernel size must be between 1 and {0}.</source>
        <translation>カーネルの大きさは 1 から {0} までです。</translation>
    </message>
    <message>
        <source>There is no trained model with a convolution layer yet.</source>
        <translation>畳み込み層を持つ学習済みモデルがまだありません。</translation>
    </message>
    <message>
        <source>No filters of your own were replaced.</source>
        <translation>置き換えられた自分のフィルターはありません。</translation>
    </message>
    <message>
        <source>There is no filter edit to undo.</source>
        <translation>元に戻せるフィルターの編集はありません。</translation>
    </message>
    <message>
        <source>“{0}” is not a source of training images.</source>
        <translation>「{0}」は学習画像の取得元ではありません。</translation>
    </message>
    <message>
        <source>An image must be (H, W) or (H, W, 3), not {0}.</source>
        <translation>画像の形は (H, W) か (H, W, 3) でなければなりません（{0} ではなく）。</translation>
    </message>
    <message>
        <source>These settings would need {0} GiB of memory for one exploration, more than the {1} GiB allowed. Choose a smaller working size, a smaller kernel or fewer filters.</source>
        <translation>この設定では 1 回の計算に {0} GiB のメモリーが必要で、上限の {1} GiB を超えます。作業サイズやカーネルを小さくするか、フィルターを減らしてください。</translation>
    </message>
    <message>
        <source>The number of filters must be between 1 and {0}.</source>
        <translation>フィルターの数は 1 から {0} までです。</translation>
    </message>
    <message>
        <source>The kernel size, stride and pool size must be at least 1.</source>
        <translation>カーネルの大きさ、ストライド、プーリングの大きさは 1 以上でなければなりません。</translation>
    </message>
    <message>
        <source>The padding cannot be negative.</source>
        <translation>パディングを負の値にはできません。</translation>
    </message>
    <message>
        <source>The pooling must be max, average or none.</source>
        <translation>プーリングは最大値、平均値、なしのいずれかです。</translation>
    </message>
    <message>
        <source>The hidden units must be between 0 (none) and {0}.</source>
        <translation>隠れ層のユニット数は 0（なし）から {0} までです。</translation>
    </message>
    <message>
        <source>The epochs must be between 1 and {0}.</source>
        <translation>エポック数は 1 から {0} までです。</translation>
    </message>
    <message>
        <source>The batch size must be between 1 and {0}.</source>
        <translation>バッチサイズは 1 から {0} までです。</translation>
    </message>
    <message>
        <source>The learning rate must be a positive number.</source>
        <translation>学習率は正の数でなければなりません。</translation>
    </message>
    <message>
        <source>The optimizer must be Adam or SGD.</source>
        <translation>最適化手法は Adam か SGD です。</translation>
    </message>
    <message>
        <source>The learning-rate schedule must be constant or cosine.</source>
        <translation>学習率のスケジュールは一定（constant）かコサイン（cosine）にしてください。</translation>
    </message>
    <message>
        <source>The momentum must be at least 0 and below 1.</source>
        <translation>モーメンタムは 0 以上 1 未満です。</translation>
    </message>
    <message numerus="yes">
        <source>The augmentation shift must be between 0 and %n pixel(s).</source>
        <translation>
            <numerusform>データ拡張のずらし幅は 0 から %n 画素までです。</numerusform>
        </translation>
    </message>
    <message>
        <source>The patience must be at least 1 epoch.</source>
        <translation>早期終了の待ちエポック数は 1 以上です。</translation>
    </message>
    <message>
        <source>The validation share must be at least 0 and below 1.</source>
        <translation>検証データの割合は 0 以上 1 未満です。</translation>
    </message>
    <message>
        <source>A list</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>An object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>This JSON file does not hold CNN Lab filters.</source>
        <translation>この JSON ファイルには CNN Lab のフィルターが入っていません。</translation>
    </message>
    <message>
        <source>The file holds no filters.</source>
        <translation>ファイルにフィルターが 1 つもありません。</translation>
    </message>
    <message>
        <source>The file holds {0} filters; at most {1} are allowed.</source>
        <translation>ファイルには {0} 個のフィルターがあります。使えるのは {1} 個までです。</translation>
    </message>
    <message>
        <source>The file&apos;s filter {0}: {1}</source>
        <translation>ファイルのフィルター {0}: {1}</translation>
    </message>
    <message>
        <source>All filters in a file must have the same size and channels.</source>
        <translation>ファイル内のフィルターはすべて同じ大きさとチャンネル数でなければなりません。</translation>
    </message>
    <message>
        <source>Loading the folder was cancelled.</source>
        <translation>フォルダーの読み込みを中止しました。</translation>
    </message>
    <message>
        <source>No pictures could be read in “{0}” ({1}).</source>
        <translation>「{0}」の画像を 1 枚も読み込めませんでした（{1}）。</translation>
    </message>
    <message>
        <source>No pictures could be read in “{0}”: the class subfolders are empty.</source>
        <translation>「{0}」の画像を 1 枚も読み込めませんでした。クラスのサブフォルダーが空です。</translation>
    </message>
    <message numerus="yes">
        <source>The class “{0}” has %n image(s); every class needs at least 2 (one to train on, one to test with).</source>
        <translation>
            <numerusform>クラス「{0}」の画像は %n 枚です。どのクラスにも 2 枚以上（学習用に 1 枚、テスト用に 1 枚）必要です。</numerusform>
        </translation>
    </message>
    <message>
        <source>“{0}” looks blank: no strokes were found.</source>
        <translation>「{0}」は白紙のようです。線が見つかりませんでした。</translation>
    </message>
    <message>
        <source>“{0}” is a named pipe, not a picture file.</source>
        <translation>「{0}」は名前付きパイプで、画像ファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is a device, not a picture file.</source>
        <translation>「{0}」はデバイスで、画像ファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is a socket, not a picture file.</source>
        <translation>「{0}」はソケットで、画像ファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is not a regular file, so it was not opened.</source>
        <translation>「{0}」は通常のファイルではないため、開きませんでした。</translation>
    </message>
    <message>
        <source>This network needs about {0} MiB of memory to train, more than the {1} MiB allowed; layer {2} ({3}) alone needs {4} MiB. Use fewer filters, a smaller batch size or a smaller picture.</source>
        <translation>このネットワークの学習には約 {0} MiB のメモリーが必要で、上限の {1} MiB を超えています。第 {2} 層（{3}）だけで {4} MiB 必要です。フィルターを減らすか、バッチサイズか画像を小さくしてください。</translation>
    </message>
    <message>
        <source>This network needs about {0} MiB of memory to train, more than the {1} MiB allowed; layer {2} ({3}) of convolution block {5} alone needs {4} MiB. Use fewer filters in that block, more pooling before it or a smaller batch size.</source>
        <translation>このネットワークの学習には約 {0} MiB のメモリーが必要で、上限の {1} MiB を超えています。第 {5} 畳み込みブロックの第 {2} 層（{3}）だけで {4} MiB 必要です。そのブロックのフィルターを減らすか、その前のプーリングを増やすか、バッチサイズを小さくしてください。</translation>
    </message>
    <message>
        <source>This network needs about {0} MiB of memory to train, more than the {1} MiB allowed; layer {2} ({3}), hidden layer {5}, alone needs {4} MiB. Use fewer hidden units, or fewer filters or more pooling in the last block.</source>
        <translation>このネットワークの学習には約 {0} MiB のメモリーが必要で、上限の {1} MiB を超えています。第 {2} 層（{3}、第 {5} 隠れ層）だけで {4} MiB 必要です。隠れ層のユニットを減らすか、最後のブロックのフィルターを減らすかプーリングを増やしてください。</translation>
    </message>
    <message numerus="yes">
        <source>The convolution kernel spans %n cell(s), more than its input of {0} padded by {1} on each side to {2}: no output is left.</source>
        <translation>
            <numerusform>畳み込みのカーネルは %n マス分の幅があり、入力の {0} マスを両側に {1} マスずつパディングした {2} マスより大きいため、出力が残りません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The pool window spans %n cell(s), more than its input of {0} padded by {1} on each side to {2}: no output is left.</source>
        <translation>
            <numerusform>プーリングの窓は %n マス分の幅があり、入力の {0} マスを両側に {1} マスずつパディングした {2} マスより大きいため、出力が残りません。</numerusform>
        </translation>
    </message>
    <message>
        <source>“{0}” is not a CNN Lab lab file.</source>
        <translation>「{0}」は CNN Lab のラボファイルではありません。</translation>
    </message>
    <message>
        <source>“{0}” is a trained model, not a lab file: open it with File ▸ Open model…</source>
        <translation>「{0}」はラボファイルではなく学習済みモデルです。ファイル ▸ モデルを開く… で開いてください。</translation>
    </message>
    <message>
        <source>“{0}” is not a CNN Lab lab file: it is damaged, truncated or of another kind.</source>
        <translation>「{0}」は CNN Lab のラボファイルではありません。壊れているか、途中で切れているか、別の種類のファイルです。</translation>
    </message>
    <message>
        <source>“{0}” was written by another version of CNN Lab (lab file format {1}; this one reads format {2}).</source>
        <translation>「{0}」は別のバージョンの CNN Lab で書かれています（ラボファイル形式 {1}。このバージョンが読めるのは形式 {2} です）。</translation>
    </message>
    <message>
        <source>“{0}” is far too large to be a CNN Lab lab file.</source>
        <translation>「{0}」は CNN Lab のラボファイルとしては大きすぎます。</translation>
    </message>
    <message>
        <source>“{0}”: the description of the lab nests {1} levels deep; at most {2} are allowed.</source>
        <translation>「{0}」：ラボの記述の入れ子が {1} 段あります。許されるのは {2} 段までです。</translation>
    </message>
    <message>
        <source>“{0}”: the description of the lab is not valid JSON.</source>
        <translation>「{0}」：ラボの記述が正しい JSON ではありません。</translation>
    </message>
    <message>
        <source>“{0}”: the setting “{1}” has a value CNN Lab cannot use.</source>
        <translation>「{0}」：設定「{1}」の値は CNN Lab では使えません。</translation>
    </message>
    <message>
        <source>“{0}”: the values of {1} must lie between {2} and {3}.</source>
        <translation>「{0}」：{1}の値は {2} から {3} の範囲でなければなりません。</translation>
    </message>
    <message>
        <source>“{0}”: the shape of {1} is {2}, but a lab needs {3}.</source>
        <translation>「{0}」：{1}の形は {2} ですが、ラボには {3} が必要です。</translation>
    </message>
    <message>
        <source>“{0}”: the numbers of {1} are stored as {2}; only 8-bit pictures and float32 or float64 numbers are accepted.</source>
        <translation>「{0}」：{1}の数値は {2} で保存されています。使えるのは 8 ビットの画像と float32 または float64 の数値だけです。</translation>
    </message>
    <message>
        <source>“{0}”: NaN or infinity found in {1}.</source>
        <translation>「{0}」：{1}に NaN または無限大が含まれています。</translation>
    </message>
    <message>
        <source>“{0}” holds a trained model that CNN Lab cannot use. {1}</source>
        <translation>「{0}」に含まれる学習済みモデルは CNN Lab では使えません。{1}</translation>
    </message>
    <message>
        <source>the picture</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>the filters&apos; weights</source>
        <translation>フィルターの重み</translation>
    </message>
    <message>
        <source>the biases</source>
        <translation>バイアス</translation>
    </message>
    <message>
        <source>the threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <source>the setting “{0}”</source>
        <translation>設定「{0}」</translation>
    </message>
    <message>
        <source>“{0}” holds {1} filters; the explorer shows at most {2}.</source>
        <translation>「{0}」にはフィルターが {1} 個あります。「層を調べる」ページで扱えるのは {2} 個までです。</translation>
    </message>
    <message>
        <source>“{0}”: a filter cannot be used: {1}</source>
        <translation>「{0}」：使えないフィルターがあります：{1}</translation>
    </message>
    <message>
        <source>“{0}” asks for a working size of {1} pixels, which CNN Lab does not offer.</source>
        <translation>「{0}」は作業サイズ {1} ピクセルを指定していますが、CNN Lab にはその作業サイズがありません。</translation>
    </message>
    <message>
        <source>“{0}” holds training settings CNN Lab cannot use.</source>
        <translation>「{0}」の学習の設定は CNN Lab では使えません。</translation>
    </message>
    <message>
        <source>“{0}” holds training settings CNN Lab cannot use: {1}</source>
        <translation>「{0}」の学習の設定は CNN Lab では使えません：{1}</translation>
    </message>
</context>
<context>
    <name>ExampleEditor</name>
    <message numerus="yes">
        <source>Imported {0} of %n picture(s) into “{1}”. Not imported: {2}</source>
        <translation>
            <numerusform>%n 枚のうち {0} 枚の画像を「{1}」に取り込みました。取り込めなかったもの：{2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n picture(s) into “{0}”.</source>
        <translation>
            <numerusform>「{0}」に画像を %n 枚取り込みました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>{tip}
[row {row}, col {col}] = {value}</source>
        <translation>{tip}
[行 {row}, 列 {col}] = {value}</translation>
    </message>
    <message>
        <source>The input values under the filter (hatched: padding, read as 0)</source>
        <translation>フィルターの下にある入力の値（斜線: パディング、0 として読みます）</translation>
    </message>
    <message>
        <source>The filter&apos;s weights</source>
        <translation>フィルターの重み</translation>
    </message>
    <message>
        <source>Each input value times the weight on top of it</source>
        <translation>入力の値それぞれに、その上に重なる重みを掛けたもの</translation>
    </message>
    <message>
        <source>Input window</source>
        <translation>入力の窓</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>積</translation>
    </message>
    <message>
        <source>element-wise product: each cell times the cell at the same place</source>
        <translation>要素ごとの積: 各セルに同じ位置のセルを掛けます</translation>
    </message>
    <message>
        <source>gives</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Click a cell of the feature map to see how it was computed.</source>
        <extracomment>Up to this many products, the sum is written term by term. The maths&apos; height, kept while the hint stands in for it (see _show_page). The height :meth:`sizeHint` last gave the page.</extracomment>
        <translation>特徴マップのセルをクリックすると、その値がどう計算されたかを表示します。</translation>
    </message>
    <message>
        <source>One filter slice per colour channel; a real CNN adds the three channel sums</source>
        <translation>色のチャンネルごとにフィルターの 1 枚があります。実際の CNN では 3 つのチャンネルの和を足し合わせます</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>赤</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>緑</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>青</translation>
    </message>
    <message>
        <source>The sum of the products, plus the filter&apos;s bias, then the activation</source>
        <translation>積の和にフィルターのバイアスを足し、活性化関数を通したもの</translation>
    </message>
    <message>
        <source>How the selected feature-map cell was computed</source>
        <translation>選んだ特徴マップのセルがどう計算されたか</translation>
    </message>
    <message>
        <source>{channel}: {terms}</source>
        <extracomment>Left, top, right, bottom margins around the hint or the maths. The most height the maths asks for; beyond it, it scrolls.</extracomment>
        <translation>{channel}: {terms}</translation>
    </message>
    <message>
        <source>Channel sums: {sums} = {total}</source>
        <translation>チャンネルごとの和: {sums} = {total}</translation>
    </message>
    <message>
        <source>{first}, + bias {bias} = {value}</source>
        <translation>{first}、+ バイアス {bias} = {value}</translation>
    </message>
    <message>
        <source>{sum} → ReLU → &lt;b&gt;{out}&lt;/b&gt;</source>
        <translation>{sum} → ReLU → &lt;b&gt;{out}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{sum} → &lt;b&gt;{out}&lt;/b&gt; (no activation)</source>
        <translation>{sum} → &lt;b&gt;{out}&lt;/b&gt;（活性化関数なし）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Feature-map cell [row {row}, col {col}]&lt;/b&gt; of filter {number} “{name}” &amp;nbsp;·&amp;nbsp; window over input rows {rows}, cols {cols} ({scale})</source>
        <translation>フィルター {number}「{name}」の&lt;b&gt;特徴マップのセル [行 {row}, 列 {col}]&lt;/b&gt; &amp;nbsp;·&amp;nbsp; 入力の窓: 行 {rows}、列 {cols}（{scale}）</translation>
    </message>
    <message>
        <source>{terms} = {total}</source>
        <translation>{terms} = {total}</translation>
    </message>
    <message numerus="yes">
        <source>All %n product(s) are 0, so the sum = 0</source>
        <translation>
            <numerusform>%n 個の積がすべて 0 なので、和 = 0</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The sum of the %n product(s) = {total}</source>
        <translation>
            <numerusform>%n 個の積の和 = {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the {count} products are not 0: {terms} = {total}</source>
        <translation>
            <numerusform>{count} 個の積のうち %n 個が 0 ではありません: {terms} = {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first}～{last}</translation>
    </message>
</context>
<context>
    <name>ExplorerPage</name>
    <message>
        <source>Cell maths</source>
        <translation>セルの計算</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>予測</translation>
    </message>
</context>
<context>
    <name>FeatureDetectorLesson</name>
    <message>
        <source>Feature detector</source>
        <extracomment>What the learner can try, and the question&apos;s choices (the first is asked about). The two pictures the question&apos;s worked answer measures every choice on.</extracomment>
        <translation>特徴検出器（Feature Detector）</translation>
    </message>
    <message>
        <source>&lt;p&gt;A &lt;b&gt;feature detector&lt;/b&gt; (also called a filter) is a small grid of numbers, its weights. Laid over a patch of the picture, it gives a large sum where the patch looks like its positive weights, and a small or negative one elsewhere. The values are chosen for the feature to extract.&lt;/p&gt;&lt;p&gt;The study note uses 3×3, but the size is a choice too: a larger detector looks at a larger patch. Pick a detector and a size, and watch its feature map (red: large, blue: negative).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;特徴検出器&lt;/b&gt;（フィルターとも呼びます）は、数値（重み）を並べた小さな格子です。画像の一部に重ねると、その部分が正の重みの形に似ているところでは大きな合計になり、そうでないところでは小さな値や負の値になります。値は、抽出したい特徴に応じて決めます。&lt;/p&gt;&lt;p&gt;備忘録では 3×3 ですが、大きさも選べます。大きな特徴検出器は、より広い範囲を見ます。特徴検出器と大きさを選んで、特徴マップ（赤：大きい、青：負）を見てみましょう。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 at %2: the feature map&apos;s largest value is %3 and its smallest %4.</source>
        <translation>%1（%2）：特徴マップの最大値は %3、最小値は %4 です。</translation>
    </message>
    <message>
        <source>%1: its positive weights form a vertical column. On vertical stripes its largest value is %2, on horizontal stripes only %3.</source>
        <translation>%1です。正の重みが縦 1 列に並んでいます。縦じまでは最大値が %2 になり、横じまでは %3 にしかなりません。</translation>
    </message>
    <message>
        <source>Which 3×3 preset lights up on vertical strokes (and not on horizontal ones)?</source>
        <translation>縦の線で強く反応する（横の線では反応しない）3×3 のプリセットはどれですか？</translation>
    </message>
    <message>
        <source>Detector:</source>
        <translation>特徴検出器：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大きさ：</translation>
    </message>
    <message>
        <source>Its weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Its feature map</source>
        <translation>特徴マップ</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <source>A filter is a small grid of weights slid over the image: at each place, every weight multiplies the pixel under it and the products are added up.</source>
        <extracomment>How the message on show is worded: called again on a language change. The filters, selection and channel the list and editor last showed.</extracomment>
        <translation>フィルターは画像の上をずらしていく小さな重みの格子です。各位置で、重みそれぞれにその下の画素を掛け、積を足し合わせます。</translation>
    </message>
    <message>
        <source>Filters</source>
        <extracomment>Item data: the weights (bytes) its icon was drawn from.</extracomment>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Each filter makes its own feature map. Click to edit one, double-click (or F2) to rename it, drag to reorder.</source>
        <translation>フィルターごとに 1 枚の特徴マップができます。クリックで編集、ダブルクリック（または F2）で名前の変更、ドラッグで並べ替えができます。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add a new filter (it starts as the identity)</source>
        <translation>新しいフィルターを追加します（最初は恒等フィルターです）</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Add a copy of the selected filter</source>
        <translation>選んだフィルターのコピーを追加します</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected filter (Delete)</source>
        <translation>選んだフィルターを削除します（Delete）</translation>
    </message>
    <message>
        <source>Move the selected filter up</source>
        <translation>選んだフィルターを上へ移動します</translation>
    </message>
    <message>
        <source>Move the selected filter down</source>
        <translation>選んだフィルターを下へ移動します</translation>
    </message>
    <message>
        <source>Classic hand-made feature detectors. Changing any weight makes the filter “Custom”.</source>
        <translation>昔からある手作りの特徴検出器です。重みを 1 つでも変えると「カスタム」になります。</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>Kernel size (rows × columns). All filters of a layer share one size; weights are cropped or padded with zeros around the centre.</source>
        <translation>カーネルの大きさ（行 × 列）です。1 つの層のフィルターはすべて同じ大きさです。重みは中央を基準に切り取るか、周りに 0 を足します。</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>Keep rows and columns equal</source>
        <translation>行数と列数を同じにします</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>チャンネル</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>red</source>
        <translation>赤</translation>
    </message>
    <message>
        <source>green</source>
        <translation>緑</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>青</translation>
    </message>
    <message>
        <source>Edit the slice of this filter that looks at the {0} channel. The three slices&apos; products are all added into one feature map, as in a real CNN.</source>
        <translation>このフィルターのうち、{0}のチャンネルを見る 1 枚を編集します。実際の CNN と同じく、3 枚の積はすべて足し合わされて 1 枚の特徴マップになります。</translation>
    </message>
    <message>
        <source>Weights adding up to 0 give 0 on flat areas (edge and line detectors); adding up to 1 keeps the overall brightness (blurs).</source>
        <translation>重みの合計が 0 なら平らな部分は 0 になります（エッジや線の検出器）。合計が 1 なら全体の明るさを保ちます（ぼかし）。</translation>
    </message>
    <message>
        <source>Bias: a number added to every value of this filter&apos;s feature map</source>
        <translation>バイアス: このフィルターの特徴マップのすべての値に足す数</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>バイアス</translation>
    </message>
    <message>
        <source>Randomise</source>
        <extracomment>Below this (relative to the largest weight) a sum counts as zero for Normalise. Draws Randomise&apos;s weights (a test may put a seeded generator here).</extracomment>
        <translation>ランダム</translation>
    </message>
    <message>
        <source>Fill with random weights (normal, standard deviation 1/k)</source>
        <translation>ランダムな重みで埋めます（正規分布、標準偏差 1/k）</translation>
    </message>
    <message>
        <source>Zero</source>
        <translation>ゼロ</translation>
    </message>
    <message>
        <source>Set every weight to 0</source>
        <translation>すべての重みを 0 にします</translation>
    </message>
    <message>
        <source>Normalise</source>
        <translation>正規化</translation>
    </message>
    <message>
        <source>Divide by the sum of the weights so they add up to 1</source>
        <translation>重みの合計で割り、合計が 1 になるようにします</translation>
    </message>
    <message>
        <source>Flip ↔</source>
        <translation>反転 ↔</translation>
    </message>
    <message>
        <source>Mirror left to right</source>
        <translation>左右を反転します</translation>
    </message>
    <message>
        <source>Flip ↕</source>
        <translation>反転 ↕</translation>
    </message>
    <message>
        <source>Mirror top to bottom</source>
        <translation>上下を反転します</translation>
    </message>
    <message>
        <source>Transpose</source>
        <translation>転置</translation>
    </message>
    <message>
        <source>Swap rows and columns (square kernels only)</source>
        <translation>行と列を入れ替えます（正方形のカーネルのみ）</translation>
    </message>
    <message>
        <source>{0}: {1}×{2}, bias {3}. Double-click to rename.</source>
        <translation>{0}: {1}×{2}、バイアス {3}。ダブルクリックで名前を変更できます。</translation>
    </message>
    <message>
        <source>Weights of “{0}”</source>
        <translation>「{0}」の重み</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>Sum of weights: {0}</source>
        <translation>重みの合計: {0}</translation>
    </message>
    <message>
        <source>A layer needs at least one filter, so the last one cannot be removed.</source>
        <translation>層には少なくとも 1 つのフィルターが必要なので、最後の 1 つは削除できません。</translation>
    </message>
    <message>
        <source>A bias must lie between {0} and {1}; {2} was typed, so the bias is {3}.</source>
        <translation>バイアスは {0} から {1} の間でなければなりません。{2} が入力されたので、バイアスは {3} になります。</translation>
    </message>
    <message>
        <source>Only a square kernel can be transposed.</source>
        <translation>転置できるのは正方形のカーネルだけです。</translation>
    </message>
    <message>
        <source>The weights add up to 0 (as in an edge detector), so they cannot be scaled to add up to 1. Change a weight first.</source>
        <translation>重みの合計が 0 なので（エッジ検出器と同じ）、合計が 1 になるように割ることはできません。先に重みを 1 つ変えてください。</translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <source>filter {number}</source>
        <translation>フィルター {number}</translation>
    </message>
    <message>
        <source>learned {number}</source>
        <translation>学習済み {number}</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name}（コピー）</translation>
    </message>
    <message>
        <source>{name} (copy {number})</source>
        <translation>{name}（コピー {number}）</translation>
    </message>
</context>
<context>
    <name>FlatteningLesson</name>
    <message>
        <source>Flattening</source>
        <extracomment>The pooled cell the question asks about: (filter, row, col), 0-based. Widest vector drawn on one line; a longer one wraps, one map per line.</extracomment>
        <translation>平坦化（Flattening）</translation>
    </message>
    <message>
        <source>&lt;p&gt;After pooling, each filter has left a small map. &lt;b&gt;Flattening&lt;/b&gt; reads all of them into one long vector, the input of the fully connected layers: the first map row by row, then the second map, and so on.&lt;/p&gt;&lt;p&gt;Move the mouse over a pooled cell to see where it goes in the vector, or over the vector to see where a value came from.&lt;/p&gt;</source>
        <translation>&lt;p&gt;プーリングの後、フィルターごとに小さなマップが残ります。&lt;b&gt;平坦化&lt;/b&gt;は、それらをすべて 1 本の長いベクトルに並べ直す処理で、このベクトルが全結合層の入力になります。1 枚目のマップを行ごとに読み、次に 2 枚目のマップ、というように続けます。&lt;/p&gt;&lt;p&gt;プーリング後のマスにマウスを乗せると、ベクトルのどこに入るかがわかります。ベクトルに乗せると、その値がどこから来たかがわかります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Filter %1</source>
        <translation>フィルター %1</translation>
    </message>
    <message>
        <source>The flattened vector: %1 values (%2 maps × %3 × %4)</source>
        <translation>平坦化したベクトル：%1 個の値（%2 枚 × %3 × %4）</translation>
    </message>
    <message>
        <source>This is the cell the question asks about: its position is yours to work out. Hover over its neighbours to check your counting.</source>
        <translation>問題で聞いているマスです。位置は自分で数えてみましょう。隣のマスにマウスを重ねると、数え方を確かめられます。</translation>
    </message>
    <message>
        <source>Filter %1, row %2, column %3 (value %4) is position &lt;b&gt;%5&lt;/b&gt; of %6 in the vector.</source>
        <translation>フィルター %1 の %2 行 %3 列（値 %4）は、ベクトルの %6 個中 &lt;b&gt;%5&lt;/b&gt; 番目です。</translation>
    </message>
    <message>
        <source>The blue cell is filter %1, row %2, column %3 of the %4 × %5 pooled maps. Which position (counting from 1) does it get in the vector?</source>
        <translation>青いマスは、%4 × %5 のプーリング後のマップのうち、フィルター %1 の %2 行 %3 列です。ベクトルでは何番目（1 から数えます）になりますか？</translation>
    </message>
    <message>
        <source>Before it come the whole maps of the filters before it (%1, of %2 × %3 values each), the whole rows above it in its map (%4, of %3 values each) and %5 values of its own row: %1 × %6 + %4 × %3 + %5 = %7 values, so it is position %8.</source>
        <translation>その前に、前のフィルターのマップが丸ごと %1 枚（1 枚あたり %2 × %3 個の値）、同じマップの上の行が丸ごと %4 行（1 行あたり %3 個の値）、同じ行の値が %5 個あります。%1 × %6 + %4 × %3 + %5 = %7 個なので、%8 番目です。</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message numerus="yes">
        <source>%n file(s) in the folder could not be read and were left out; the first: {0}</source>
        <translation>
            <numerusform>フォルダー内のファイル %n 個を読み込めなかったため、除きました。{0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FullConnectionLesson</name>
    <message>
        <source>Full connection</source>
        <extracomment>Most maps shown side by side (a first layer may have many more filters). The network counted when none is trained yet: the Train page&apos;s default, on digits.</extracomment>
        <translation>全結合層（Full connection）</translation>
    </message>
    <message>
        <source>&lt;p&gt;The flattened vector is the &lt;b&gt;input layer&lt;/b&gt; of an ordinary network. In a &lt;b&gt;fully connected layer&lt;/b&gt; every output is a weighted sum of every input, plus a bias; a hidden layer then applies its activation, and the output layer gives one score per class. Laid back onto the pooled maps, one output&apos;s weights show what it looks for: red where ink raises its score, blue where ink lowers it. Training sets all these weights by back-propagation.&lt;/p&gt;</source>
        <translation>&lt;p&gt;平坦化したベクトルは、ふつうのニューラルネットワークの&lt;b&gt;入力層&lt;/b&gt;になります。&lt;b&gt;全結合層&lt;/b&gt;では、どの出力もすべての入力の重み付き和にバイアスを足したものです。隠れ層はそこに活性化関数をかけ、出力層はクラスごとに 1 つのスコアを出します。ある出力の重みをプーリング後のマップの形に並べ直すと、その出力が何を探しているかが見えます：赤はインクがあるとスコアが上がる所、青は下がる所です。これらの重みはすべて、学習で誤差逆伝播法によって決まります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>クラス %1</translation>
    </message>
    <message>
        <source>hidden unit %1</source>
        <translation>隠れユニット %1</translation>
    </message>
    <message>
        <source>Map %1</source>
        <translation>マップ %1</translation>
    </message>
    <message>
        <source>… and %1 more maps, not shown.</source>
        <translation>…ほかに %1 枚のマップ（表示していません）。</translation>
    </message>
    <message>
        <source>%1 inputs → %2 outputs (the classes): %1 × %2 = %3 weights and %4 biases</source>
        <translation>入力 %1 → 出力 %2（クラス）：%1 × %2 = %3 個の重みと %4 個のバイアス</translation>
    </message>
    <message>
        <source>%1 inputs → %2 hidden units: %1 × %2 = %3 weights and %4 biases</source>
        <translation>入力 %1 → 隠れユニット %2：%1 × %2 = %3 個の重みと %4 個のバイアス</translation>
    </message>
    <message>
        <source>The Train page&apos;s default network (not trained yet):</source>
        <translation>学習ページの既定のネットワーク（まだ学習していません）：</translation>
    </message>
    <message>
        <source>The trained network:</source>
        <translation>学習済みのネットワーク：</translation>
    </message>
    <message>
        <source>In all, %1 numbers in these fully connected layers for training to set (the convolutions have their own weights besides).</source>
        <translation>これらの全結合層だけで合計 %1 個の数を、学習が決めます（畳み込み層にはこのほかに自分の重みがあります）。</translation>
    </message>
    <message>
        <source>The flattened vector has %1 values and the next layer has %2 units. How many weights connect them?</source>
        <translation>平坦化したベクトルには %1 個の値があり、次の層のユニットは %2 個です。両者をつなぐ重みは何個ですか。</translation>
    </message>
    <message>
        <source>Every input connects to every unit: %1 × %2 = %3 weights (plus %4 biases, one per unit).</source>
        <translation>すべての入力がすべてのユニットにつながります：%1 × %2 = %3 個の重み（ほかにユニットごとに 1 つ、計 %4 個のバイアス）。</translation>
    </message>
    <message>
        <source>Weights of:</source>
        <translation>重みを見る出力：</translation>
    </message>
    <message>
        <source>There is no trained model yet, so there are no learned weights to show. Train one (a minute or two on digits), then come back.</source>
        <translation>まだ学習済みのモデルがないので、学習した重みは表示できません。学習ページで学習してから（数字なら 1〜2 分）、戻ってきてください。</translation>
    </message>
    <message>
        <source>Open the Train page</source>
        <translation>学習ページを開く</translation>
    </message>
</context>
<context>
    <name>Glossary</name>
    <message>
        <source>One cell of a picture, held as one number per channel.</source>
        <translation>画像の 1 マス。チャンネルごとに 1 つの数値で表します。</translation>
    </message>
    <message>
        <source>Lesson 1; View ▸ Pixel values</source>
        <translation>レッスン 1、表示 ▸ 画素値…</translation>
    </message>
    <message>
        <source>One darkness value per pixel; binarising turns each into 0 (white) or 1 (black).</source>
        <translation>画素ごとに 1 つの濃さの値。二値化すると、それぞれが 0（白）か 1（黒）になります。</translation>
    </message>
    <message>
        <source>Explore page, picture options; lesson 1</source>
        <translation>「層を調べる」ページの画像の設定、レッスン 1</translation>
    </message>
    <message>
        <source>One layer of numbers of an image: one for gray, three for colour (red, green, blue).</source>
        <translation>画像の数値の 1 層分。グレースケールなら 1 つ、カラーなら 3 つ（赤・緑・青）です。</translation>
    </message>
    <message>
        <source>Explore page, picture options</source>
        <translation>「層を調べる」ページの画像の設定</translation>
    </message>
    <message>
        <source>A small grid of weights laid over the picture to find one pattern, such as a vertical stroke.</source>
        <translation>縦の線など 1 つの模様を見つけるために画像に重ねる、重みの小さな格子。</translation>
    </message>
    <message>
        <source>Explore page, filter list; lesson 2</source>
        <translation>「層を調べる」ページのフィルター一覧、レッスン 2</translation>
    </message>
    <message>
        <source>Another name for a feature detector; the kernel is its grid of weights.</source>
        <translation>特徴検出器の別名。カーネルはその重みの格子のことです。</translation>
    </message>
    <message>
        <source>Explore page, kernel editor; lesson 2</source>
        <translation>「層を調べる」ページのカーネル編集、レッスン 2</translation>
    </message>
    <message>
        <source>The numbers a layer multiplies by, and the number it adds at the end.</source>
        <translation>層が掛ける数値と、最後に足す数値。</translation>
    </message>
    <message>
        <source>Kernel editor; Every layer page</source>
        <translation>カーネル編集、「すべての層」ページ</translation>
    </message>
    <message>
        <source>Sliding the kernel over the picture, multiplying cell by cell and adding the products.</source>
        <translation>カーネルを画像の上でずらしながら、マスごとに掛けて積を足し合わせること。</translation>
    </message>
    <message>
        <source>Explore page, first stage; lesson 3</source>
        <translation>「層を調べる」ページの最初の段、レッスン 3</translation>
    </message>
    <message>
        <source>The grid of sums one filter gives: large where its pattern is found.</source>
        <translation>1 つのフィルターが出す合計の格子。その模様が見つかったところで大きくなります。</translation>
    </message>
    <message>
        <source>Explore page, stage view; lessons 3 and 4</source>
        <translation>「層を調べる」ページの段の表示、レッスン 3 と 4</translation>
    </message>
    <message>
        <source>How many cells the window moves at each step.</source>
        <translation>窓が 1 回に何マス動くか。</translation>
    </message>
    <message>
        <source>Explore page, layer settings; lesson 3</source>
        <translation>「層を調べる」ページの層の設定、レッスン 3</translation>
    </message>
    <message>
        <source>Rows and columns of zeros added round the picture so the window can reach its edges.</source>
        <translation>窓が画像の端まで届くように、画像の周りに足す 0 の行と列。</translation>
    </message>
    <message>
        <source>The part of the input picture one value depends on.</source>
        <translation>ある 1 つの値が依存している入力画像の範囲。</translation>
    </message>
    <message>
        <source>Every layer page, when a unit is clicked</source>
        <translation>「すべての層」ページでユニットをクリックしたとき</translation>
    </message>
    <message>
        <source>A function applied to each value after the sum; without a non-linear one, layers stay linear.</source>
        <translation>合計の後で各値に適用する関数。非線形のものがないと、層を重ねても線形のままです。</translation>
    </message>
    <message>
        <source>Explore page, layer settings; lesson 5</source>
        <translation>「層を調べる」ページの層の設定、レッスン 5</translation>
    </message>
    <message>
        <source>Keeps positive values and turns negative ones into 0.</source>
        <translation>正の値はそのまま残し、負の値を 0 にします。</translation>
    </message>
    <message>
        <source>Explore page, second stage; lesson 5</source>
        <translation>「層を調べる」ページの 2 番目の段、レッスン 5</translation>
    </message>
    <message>
        <source>Keeping one value per small region (its largest or its mean), making the map smaller.</source>
        <translation>小さな範囲ごとに 1 つの値（最大値か平均値）だけを残し、マップを小さくすること。</translation>
    </message>
    <message>
        <source>Explore page, third stage; lesson 6</source>
        <translation>「層を調べる」ページの 3 番目の段、レッスン 6</translation>
    </message>
    <message>
        <source>Pooling that keeps the largest value of each region, or their mean.</source>
        <translation>範囲ごとに最大値を残すプーリングと、平均値を残すプーリング。</translation>
    </message>
    <message>
        <source>Explore page, layer settings; lesson 6</source>
        <translation>「層を調べる」ページの層の設定、レッスン 6</translation>
    </message>
    <message>
        <source>Reading the pooled maps into one long vector, map by map, row by row.</source>
        <translation>プーリング後のマップを、1 枚ずつ、1 行ずつ読んで 1 本の長いベクトルにすること。</translation>
    </message>
    <message>
        <source>Explore page, last stage; lesson 7</source>
        <translation>「層を調べる」ページの最後の段、レッスン 7</translation>
    </message>
    <message>
        <source>A layer in which every output is a weighted sum of every input.</source>
        <translation>どの出力も、すべての入力の重み付きの和になっている層。</translation>
    </message>
    <message>
        <source>Train page, architecture; lesson 8</source>
        <translation>学習ページの構成、レッスン 8</translation>
    </message>
    <message>
        <source>Where the vector enters, the layers in between, and the layer giving one score per class.</source>
        <translation>ベクトルが入る層、その間の層、そしてクラスごとに 1 つのスコアを出す層。</translation>
    </message>
    <message>
        <source>Every layer page; lesson 8</source>
        <translation>「すべての層」ページ、レッスン 8</translation>
    </message>
    <message>
        <source>The output layer&apos;s number for a class, before softmax.</source>
        <translation>ソフトマックス関数を通す前の、出力層のクラスごとの数値。</translation>
    </message>
    <message>
        <source>Every layer page; lesson 9</source>
        <translation>「すべての層」ページ、レッスン 9</translation>
    </message>
    <message>
        <source>Turns the scores into probabilities that add up to 1.</source>
        <translation>スコアを、合計が 1 になる確率に変えます。</translation>
    </message>
    <message>
        <source>Classify page, probability bars; lesson 9</source>
        <translation>分類ページの確率の棒グラフ、レッスン 9</translation>
    </message>
    <message>
        <source>How sure the network is of each class, from 0 to 1.</source>
        <translation>ネットワークが各クラスをどれだけ確かだと考えているか（0 から 1）。</translation>
    </message>
    <message>
        <source>Classify page</source>
        <translation>分類ページ</translation>
    </message>
    <message>
        <source>The loss for classification: minus the log of the probability given to the true class.</source>
        <translation>分類に使う損失。正解クラスに与えた確率の対数にマイナスを付けたもの。</translation>
    </message>
    <message>
        <source>Train page, loss curve; lesson 9</source>
        <translation>学習ページの損失の曲線、レッスン 9</translation>
    </message>
    <message>
        <source>The loss usual for regression: the square of the difference from the target.</source>
        <translation>回帰でよく使う損失。目標値との差の二乗。</translation>
    </message>
    <message>
        <source>Lesson 9</source>
        <translation>レッスン 9</translation>
    </message>
    <message>
        <source>One number saying how wrong the network is; training makes it smaller.</source>
        <translation>ネットワークがどれだけ間違っているかを表す 1 つの数値。学習で小さくしていきます。</translation>
    </message>
    <message>
        <source>Train page, curves</source>
        <translation>学習ページの曲線</translation>
    </message>
    <message>
        <source>How much the loss changes with each weight, and moving every weight a little against it.</source>
        <translation>重みごとに損失がどれだけ変わるか。そして、それと逆向きに各重みを少しずつ動かす方法。</translation>
    </message>
    <message>
        <source>Lesson 10</source>
        <translation>レッスン 10</translation>
    </message>
    <message>
        <source>Working out every gradient from the output back to the first layer.</source>
        <translation>出力から最初の層へ向かって、すべての勾配を順に求める方法。</translation>
    </message>
    <message>
        <source>How big a step each update takes.</source>
        <translation>1 回の更新でどれだけ大きく動かすか。</translation>
    </message>
    <message>
        <source>Train page, settings</source>
        <translation>学習ページの設定</translation>
    </message>
    <message>
        <source>One pass over the training images, and how many images each update uses.</source>
        <translation>学習データを 1 周すること、そして 1 回の更新に使う画像の枚数。</translation>
    </message>
    <message>
        <source>The share of images the network classifies right.</source>
        <translation>ネットワークが正しく分類した画像の割合。</translation>
    </message>
    <message>
        <source>Train page, results</source>
        <translation>学習ページの結果</translation>
    </message>
    <message>
        <source>Learning the training images so closely that new images go worse.</source>
        <translation>学習データに合わせすぎて、新しい画像でかえって悪くなること。</translation>
    </message>
    <message>
        <source>A table of which true class was predicted as which.</source>
        <translation>どの正解クラスがどのクラスと予測されたかをまとめた表。</translation>
    </message>
</context>
<context>
    <name>GlossaryWindow</name>
    <message>
        <source>Glossary</source>
        <translation>用語集</translation>
    </message>
    <message>
        <source>Each term in English and in Japanese, what it is, and where CNN Lab shows it.</source>
        <translation>各用語の英語と日本語、その意味、そして CNN Lab のどこで見られるか。</translation>
    </message>
    <message>
        <source>Find a term…</source>
        <translation>用語を検索…</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>意味</translation>
    </message>
    <message>
        <source>Where it is seen</source>
        <translation>見られる場所</translation>
    </message>
</context>
<context>
    <name>HistorySlider</name>
    <message>
        <source>Training history</source>
        <translation>学習の履歴</translation>
    </message>
    <message>
        <source>Move through the epochs of the last run. The learned filters, the test accuracy and the confusion matrix here, and the pages Explore a layer, Classify and Every layer, show the network as it was after that epoch (&quot;Show learned filters in explorer&quot; takes that epoch&apos;s filters). Save model always saves the final trained model; the last position brings it back everywhere.</source>
        <translation>直前の学習のエポックを行き来します。ここに示す学習したフィルター、テストの正解率、混同行列と、「層を調べる」「分類する」「すべての層」の各ページが、そのエポックを終えたときのネットワークを示します（「学習したフィルターを「層を調べる」で見る」も、そのエポックのフィルターを移します）。「モデルを保存…」は常に学習を終えた最後のモデルを保存します。いちばん右に戻すと、どのページもそのモデルに戻ります。</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>まだ学習していません</translation>
    </message>
    <message>
        <source>Stopped during epoch {0}</source>
        <translation>エポック {0} の途中で停止</translation>
    </message>
    <message>
        <source>Kept: epoch {0} (early stopping)</source>
        <translation>残した重み: エポック {0}（早期終了）</translation>
    </message>
    <message>
        <source>Before training (epoch 0 of {0})</source>
        <translation>学習前（エポック 0 / {0}）</translation>
    </message>
    <message>
        <source>Epoch {0} of {1}</source>
        <translation>エポック {0} / {1}</translation>
    </message>
    <message numerus="yes">
        <source>The network&apos;s weights are kept at %n point(s) of the run ({0:.1f} MB in all).</source>
        <translation>
            <numerusform>この学習の %n 時点でのネットワークの重みを保持しています（合計 {0:.1f} MB）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageNumbersLesson</name>
    <message>
        <source>An image is numbers</source>
        <extracomment>The small pictures the lesson offers (9×9 or 7×7 patterns of ink and paper).</extracomment>
        <translation>画像は数値（An image is numbers）</translation>
    </message>
    <message>
        <source>&lt;p&gt;A network never sees a picture, only numbers. The picture is read cell by cell into a grid of values. The small pictures here are binarised, so white paper becomes 0 and black ink becomes 1, as in the study note; in a grey picture each cell holds a value between the two.&lt;/p&gt;&lt;p&gt;Press &lt;b&gt;Show me&lt;/b&gt; to put the small picture into the lab. Move the mouse over either grid to see which number belongs to which cell.&lt;/p&gt;</source>
        <translation>&lt;p&gt;ネットワークが見ているのは画像そのものではなく、数値だけです。画像はマスごとに読み取られ、格子状の数値データになります。ここにある小さな画像は二値化されているので、備忘録と同じように、白い部分は 0、黒い部分は 1 になります。グレーの画像では、各マスは 0 と 1 の間の値を持ちます。&lt;/p&gt;&lt;p&gt;&lt;b&gt;やってみる&lt;/b&gt;を押すと、この小さな画像がラボに読み込まれます。どちらかの格子にマウスを乗せると、どの数値がどのマスのものかがわかります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The blue frame marks the cell in row %1, column %2. What number will that cell hold in the grid?</source>
        <translation>青い枠は %1 行 %2 列のマスです。このマスには格子の中でどんな数値が入りますか？</translation>
    </message>
    <message>
        <source>The cell is black ink in the picture, so it holds %1: white paper is 0, black ink is 1.</source>
        <translation>このマスは画像の中で黒い部分なので、%1 が入ります。白い部分は 0、黒い部分は 1 です。</translation>
    </message>
    <message>
        <source>The cell is white paper in the picture, so it holds %1: white paper is 0, black ink is 1.</source>
        <translation>このマスは画像の中で白い部分なので、%1 が入ります。白い部分は 0、黒い部分は 1 です。</translation>
    </message>
    <message>
        <source>The cell is grey in the picture, so it holds %1: white paper is 0, black ink is 1, and a grey lies between, the darker the nearer to 1.</source>
        <translation>このマスは画像の中でグレーなので、%1 が入ります。白い部分は 0、黒い部分は 1 で、グレーはその間の値になり、暗いほど 1 に近づきます。</translation>
    </message>
    <message>
        <source>The lab&apos;s picture</source>
        <translation>ラボの画像</translation>
    </message>
    <message>
        <source>Picture:</source>
        <translation>画像：</translation>
    </message>
    <message>
        <source>What you see</source>
        <translation>人に見えるもの</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>ネットワークに見えるもの</translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <source>Input picture</source>
        <translation>入力画像</translation>
    </message>
    <message>
        <source>Choose a sample…</source>
        <translation>サンプルを選ぶ…</translation>
    </message>
    <message>
        <source>Built-in pictures: small patterns of 0s and 1s, handwritten digits from MNIST, generated shapes and photographs.</source>
        <translation>組み込みの画像です。0 と 1 の小さな模様、MNIST の手書き数字、生成した図形、写真があります。</translation>
    </message>
    <message>
        <source>&amp;Sample:</source>
        <translation>サンプル(&amp;S):</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>画像を開く…</translation>
    </message>
    <message>
        <source>Open a picture file (PNG, JPEG, BMP, GIF, …). You can also drop a file onto the window.</source>
        <translation>画像ファイル（PNG、JPEG、BMP、GIF など）を開きます。ファイルをウィンドウにドロップしても開けます。</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>貼り付け</translation>
    </message>
    <message>
        <source>Use the picture (or image file) on the clipboard.</source>
        <translation>クリップボードにある画像（または画像ファイル）を使います。</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>描く</translation>
    </message>
    <message>
        <source>Draw your own picture with the mouse; every view follows as you draw.</source>
        <translation>マウスで自分の絵を描きます。描いたとおりに、すべての表示がその場で変わります。</translation>
    </message>
    <message>
        <source>Numbers…</source>
        <translation>数値…</translation>
    </message>
    <message>
        <source>Show the picture as a grid of numbers</source>
        <translation>画像を数の表として表示します</translation>
    </message>
    <message>
        <source>Brush width, in pixels of the {0}×{1} drawing.</source>
        <translation>ブラシの太さです（{0}×{1} の絵での画素数）。</translation>
    </message>
    <message>
        <source>&amp;Brush:</source>
        <translation>ブラシ(&amp;B):</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>消しゴム</translation>
    </message>
    <message>
        <source>When on, the left button erases. The right button always erases.</source>
        <translation>オンのときは左ボタンで消します。右ボタンではいつでも消せます。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Take back the last stroke (Ctrl+Z on the canvas).</source>
        <translation>最後のひと筆を取り消します（キャンバス上で Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Start again on blank paper.</source>
        <translation>白紙からやり直します。</translation>
    </message>
    <message>
        <source>Every view follows your drawing. The right button erases.</source>
        <translation>すべての表示が絵に合わせて変わります。右ボタンで消せます。</translation>
    </message>
    <message>
        <source>Pre-processing</source>
        <translation>前処理</translation>
    </message>
    <message>
        <source>&amp;Grayscale</source>
        <translation>グレースケール(&amp;G)</translation>
    </message>
    <message>
        <source>One number per pixel: how dark it is (one input channel).</source>
        <translation>1 画素につき 1 つの数で、その暗さを表します（入力チャンネルは 1 つ）。</translation>
    </message>
    <message>
        <source>&amp;RGB</source>
        <translation>RGB(&amp;R)</translation>
    </message>
    <message>
        <source>Three numbers per pixel: red, green and blue (three input channels; each filter then has one slice per channel).</source>
        <translation>1 画素につき赤・緑・青の 3 つの数です（入力チャンネルは 3 つ。各フィルターはチャンネルごとに 1 枚ずつ持ちます）。</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>色:</translation>
    </message>
    <message>
        <source>Resize the picture so that its longer side has this many pixels (the aspect ratio is kept). Small sizes make single pixels and their numbers visible.</source>
        <translation>長いほうの辺がこの画素数になるように画像の大きさを変えます（縦横比は保ちます）。小さくすると、1 つ 1 つの画素とその数が見えるようになります。</translation>
    </message>
    <message>
        <source>The working image&apos;s size: rows × columns.</source>
        <translation>処理する画像の大きさ（行 × 列）です。</translation>
    </message>
    <message>
        <source>&amp;Working size:</source>
        <translation>処理サイズ(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation>反転(&amp;I)</translation>
    </message>
    <message>
        <source>Swap dark and bright: every value v becomes 1 − v.</source>
        <translation>暗いところと明るいところを入れ替えます。どの値 v も 1 − v になります。</translation>
    </message>
    <message>
        <source>Bi&amp;narise</source>
        <translation>二値化(&amp;N)</translation>
    </message>
    <message>
        <source>Turn every value into 0 or 1: values at or above the threshold become 1.</source>
        <translation>すべての値を 0 か 1 にします。しきい値以上の値が 1 になります。</translation>
    </message>
    <message>
        <source>Binarising threshold, from 0 to 1.</source>
        <translation>二値化のしきい値です（0～1）。</translation>
    </message>
    <message>
        <source>&amp;Threshold:</source>
        <translation>しきい値(&amp;T):</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>元のまま</translation>
    </message>
    <message>
        <source>{0} px</source>
        <translation>{0} px</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>画像 ({0})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>“{0}” could not be opened: {1}</source>
        <extracomment>A picture whose long side exceeds this, arriving while the working size is &quot;Original&quot;, is worked on at `AUTO_WORKING_SIZE` instead: a phone photo at full size would make every edit take seconds. Pasted text longer than this is not a file path; do not stat it.</extracomment>
        <translation>「{0}」を開けませんでした: {1}</translation>
    </message>
    <message>
        <source>The clipboard holds no picture. Copy an image or an image file first.</source>
        <translation>クリップボードに画像がありません。先に画像か画像ファイルをコピーしてください。</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>貼り付けた画像</translation>
    </message>
    <message>
        <source>Only image files or pictures can be dropped here.</source>
        <translation>ここにドロップできるのは画像ファイルか画像だけです。</translation>
    </message>
    <message>
        <source>dropped image</source>
        <translation>ドロップした画像</translation>
    </message>
    <message>
        <source>The picture could not be read.</source>
        <translation>画像を読み込めませんでした。</translation>
    </message>
    <message>
        <source>The picture is too large ({0}×{1} pixels); the limit is {2} megapixels.</source>
        <translation>画像が大きすぎます（{0}×{1} 画素）。上限は {2} メガピクセルです。</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>手描き</translation>
    </message>
    <message>
        <source>Photo: {0}</source>
        <translation>写真: {0}</translation>
    </message>
    <message>
        <source>→ {0}×{1}</source>
        <translation>→ {0}×{1}</translation>
    </message>
    <message>
        <source>Values per colour channel: 0 = full, 1 = none (inverted).</source>
        <translation>色のチャンネルごとの値: 0 = 最大、1 = なし（反転）</translation>
    </message>
    <message>
        <source>Values per colour channel: 0 = none, 1 = full.</source>
        <translation>色のチャンネルごとの値: 0 = なし、1 = 最大</translation>
    </message>
    <message>
        <source>Values: white = 1, black = 0 (inverted).</source>
        <translation>値: 白 = 1、黒 = 0（反転）</translation>
    </message>
    <message>
        <source>Values: white = 0, black = 1.</source>
        <translation>値: 白 = 0、黒 = 1</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>グレースケール</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>{0} — {1}×{2} {3}</source>
        <translation>{0} — {1}×{2} {3}</translation>
    </message>
    <message>
        <source>{0} — {1}×{2} → {3}×{4} {5}</source>
        <translation>{0} — {1}×{2} → {3}×{4} {5}</translation>
    </message>
    <message>
        <source>“{0}”: the picture&apos;s size, and the size the filters work on (rows × columns).</source>
        <translation>「{0}」: 画像の大きさと、フィルターが処理する大きさ（行 × 列）です。</translation>
    </message>
</context>
<context>
    <name>InsightTabs</name>
    <message>
        <source>How it was computed</source>
        <translation>計算の中身</translation>
    </message>
    <message>
        <source>Switch units off</source>
        <translation>ユニットをオフにする</translation>
    </message>
    <message>
        <source>What a filter has learned</source>
        <translation>フィルターが学んだもの</translation>
    </message>
    <message>
        <source>Why this answer?</source>
        <translation>なぜこの答え？</translation>
    </message>
    <message>
        <source>Learned kernel</source>
        <translation>学習したカーネル</translation>
    </message>
    <message>
        <source>Edit kernel</source>
        <translation>カーネルを編集</translation>
    </message>
    <message>
        <source>Change the learned weights of this filter and see every later layer and the answer follow</source>
        <translation>このフィルターの学習した重みを変えると、後ろの層すべてと答えがどう変わるかが見えます</translation>
    </message>
    <message>
        <source>Switch filter {0} of {1} back on</source>
        <translation>{1} のフィルター {0} をオンに戻す</translation>
    </message>
    <message>
        <source>Switch filter {0} of {1} off</source>
        <translation>{1} のフィルター {0} をオフにする</translation>
    </message>
    <message>
        <source>Switch unit {0} of {1} back on</source>
        <translation>{1} のユニット {0} をオンに戻す</translation>
    </message>
    <message>
        <source>Switch unit {0} of {1} off</source>
        <translation>{1} のユニット {0} をオフにする</translation>
    </message>
    <message>
        <source>A switched-off filter or unit outputs 0 for every image; every layer after it, and the answer, are shown without it.</source>
        <translation>オフにしたフィルターやユニットは、どの画像でも 0 を出力します。その後のすべての層と答えは、それなしで計算したものが表示されます。</translation>
    </message>
</context>
<context>
    <name>KernelEditor</name>
    <message>
        <source>Reset to learned</source>
        <extracomment>Layers reading at most this many channels show a grid for each; more get a selector.</extracomment>
        <translation>学習した値に戻す</translation>
    </message>
    <message>
        <source>Put back the weights and bias training gave this filter</source>
        <translation>学習でこのフィルターに付いた重みとバイアスに戻します</translation>
    </message>
    <message>
        <source>Reset every kernel</source>
        <translation>すべてのカーネルを戻す</translation>
    </message>
    <message>
        <source>Put back every learned kernel you changed</source>
        <translation>変更した学習済みカーネルをすべて元に戻します</translation>
    </message>
    <message>
        <source>Change a weight (drag a cell up or down, scroll on it, or type a number): every map after this layer and the network&apos;s answer follow at once.</source>
        <translation>重みを変えてみましょう（マスを上下にドラッグ、ホイールを回す、または数値を入力）。この層より後の特徴マップすべてとネットワークの答えがすぐに変わります。</translation>
    </message>
    <message>
        <source>Input channel:</source>
        <translation>入力チャンネル:</translation>
    </message>
    <message>
        <source>Bias:</source>
        <translation>バイアス:</translation>
    </message>
    <message>
        <source>Click a map of a convolution block above to edit the kernel of its filter.</source>
        <translation>上の畳み込みブロックの特徴マップをクリックすると、そのフィルターのカーネルを編集できます。</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>編集済み</translation>
    </message>
    <message>
        <source>Kernel of filter {0} of {1}</source>
        <translation>{1} のフィルター {0} のカーネル</translation>
    </message>
    <message>
        <source>Input channel {0}</source>
        <translation>入力チャンネル {0}</translation>
    </message>
</context>
<context>
    <name>KernelGrid</name>
    <message>
        <source>Filter weights</source>
        <extracomment>The editor is at least this wide: room for &quot;-0.125&quot; even in small cells.</extracomment>
        <translation>フィルターの重み</translation>
    </message>
    <message>
        <source>Arrow keys choose a cell, Enter or a digit types a value, Delete sets it to 0, Page Up and Page Down change it by 0.1.</source>
        <translation>矢印キーでセルを選び、Enter か数字キーで値を入力します。Delete で 0 に、Page Up と Page Down で 0.1 ずつ変わります。</translation>
    </message>
    <message>
        <source>Only numbers can be typed here, e.g. 0.5, -1 or 1/9.</source>
        <extracomment>Focus lost to these leaves the editor as it is (switching windows, opening a menu). Words the shown error in the current language; None while the text is fine.</extracomment>
        <translation>ここには数だけを入力できます（例: 0.5、-1、1/9）。</translation>
    </message>
    <message>
        <source>Type a number (e.g. 0.5, -1, 1/9), then Enter. Escape cancels.</source>
        <translation>数を入力して（例: 0.5、-1、1/9）Enter を押します。Esc で取り消します。</translation>
    </message>
    <message>
        <source>Row {0}, column {1}: {2:g}
Drag up/down or scroll to change it (Shift: finer, Ctrl+scroll: ±1).
Double-click or start typing to enter a number.</source>
        <extracomment>One notch of a mouse wheel; touchpads send fractions of it.</extracomment>
        <translation>行 {0}、列 {1}: {2:g}
上下にドラッグするかスクロールすると値が変わります（Shift: 細かく、Ctrl+スクロール: ±1）。
ダブルクリックするか、そのまま入力すると数を入力できます。</translation>
    </message>
    <message>
        <source>Not a usable weight: cannot divide by zero.</source>
        <extracomment>Keys that open a cell&apos;s editor with themselves as the first character typed.</extracomment>
        <translation>重みとして使えません: 0 で割ることはできません。</translation>
    </message>
    <message>
        <source>Not a usable weight: type a number such as 0.5, -1 or 1/9.</source>
        <translation>重みとして使えません: 0.5、-1、1/9 のような数を入力してください。</translation>
    </message>
    <message>
        <source>Not a usable weight: {0}</source>
        <translation>重みとして使えません: {0}</translation>
    </message>
</context>
<context>
    <name>LabFiles</name>
    <message>
        <source>Save lab</source>
        <translation>ラボファイルを保存</translation>
    </message>
    <message>
        <source>CNN Lab lab file (*.cnnlab)</source>
        <translation>CNN Lab ラボファイル (*.cnnlab)</translation>
    </message>
    <message>
        <source>Could not save the lab to {0}: {1}</source>
        <translation>ラボを {0} に保存できませんでした：{1}</translation>
    </message>
    <message>
        <source>Saved the lab, with its trained model, to {0}.</source>
        <translation>ラボを学習済みモデルと一緒に {0} に保存しました。</translation>
    </message>
    <message>
        <source>Saved the lab to {0} (there is no trained model to include).</source>
        <translation>ラボを {0} に保存しました（含める学習済みモデルはありません）。</translation>
    </message>
    <message>
        <source>Open lab</source>
        <translation>ラボファイルを開く</translation>
    </message>
    <message>
        <source>CNN Lab lab file (*.cnnlab);;All files (*)</source>
        <translation>CNN Lab ラボファイル (*.cnnlab);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Stop the training first: when it ends, its model would replace the lab&apos;s.</source>
        <translation>先に学習を停止してください。学習が終わると、そのモデルがラボのモデルと置き換わってしまいます。</translation>
    </message>
    <message>
        <source>Could not open {0}: {1}</source>
        <translation>{0} を開けませんでした：{1}</translation>
    </message>
    <message>
        <source>Opened the lab {0}, with its trained model.</source>
        <translation>ラボ {0} を学習済みモデルと一緒に開きました。</translation>
    </message>
    <message>
        <source>Opened the lab {0}; it holds no trained model, so the current one stays.</source>
        <translation>ラボ {0} を開きました。学習済みモデルは含まれていないので、いまのモデルをそのまま使います。</translation>
    </message>
    <message>
        <source>Open l&amp;ab…</source>
        <translation>ラボファイルを開く(&amp;A)…</translation>
    </message>
    <message>
        <source>Open a lab file (.cnnlab): its picture, filters, settings, trained model and lesson replace the current ones</source>
        <translation>ラボファイル (.cnnlab) を開きます。その画像、フィルター、設定、学習済みモデル、レッスンがいまのものと置き換わります</translation>
    </message>
    <message>
        <source>Save la&amp;b…</source>
        <translation>ラボファイルを保存(&amp;B)…</translation>
    </message>
    <message>
        <source>Save the whole lab as one file (.cnnlab): the picture, filters, settings, trained model and current lesson, to open again here or on another computer</source>
        <translation>ラボ全体（画像、フィルター、設定、学習済みモデル、いまのレッスン）を 1 つのファイル (.cnnlab) に保存します。この PC でも別の PC でも開き直せます</translation>
    </message>
</context>
<context>
    <name>LayerTable</name>
    <message>
        <source>Input image</source>
        <extracomment>Every other block (and hidden layer) is shaded, so a block&apos;s rows read as one.</extracomment>
        <translation>入力画像</translation>
    </message>
    <message>
        <source>{0} · does not fit</source>
        <translation>{0} · 入力に収まりません</translation>
    </message>
    <message>
        <source>Total: {0:,} weights and {1:,} biases, {2:,} parameters to learn.</source>
        <translation>合計：重み {0:,} 個とバイアス {1:,} 個、学習するパラメーターは {2:,} 個です。</translation>
    </message>
    <message>
        <source>The output layer has one score per class; its counts are shown for 2 classes until the data is read.</source>
        <translation>出力層はクラスごとにスコアを 1 つ出します。データを読み込むまでは 2 クラスとして数えています。</translation>
    </message>
    <message>
        <source>Memory to train: about {0:,.0f} MiB for {1} images at a time.</source>
        <translation>学習に必要なメモリー：一度に {1} 枚で約 {0:,.0f} MiB。</translation>
    </message>
    <message>
        <source>Time per epoch: measuring this computer&apos;s speed…</source>
        <translation>1 エポックの時間：このコンピューターの速さを測っています…</translation>
    </message>
    <message>
        <source>Time per epoch: known once the data is ready.</source>
        <translation>1 エポックの時間：データの準備ができると分かります。</translation>
    </message>
    <message>
        <source>under 1 s</source>
        <translation>1 秒未満</translation>
    </message>
    <message>
        <source>Time per epoch: {0} on this computer (an estimate; {1} epochs: {2}).</source>
        <translation>1 エポックの時間：このコンピューターで{0}（見積もり。{1} エポックで{2}）。</translation>
    </message>
    <message>
        <source>about {0:.0f} s</source>
        <translation>約 {0:.0f} 秒</translation>
    </message>
    <message>
        <source>about {0:.0f} min</source>
        <translation>約 {0:.0f} 分</translation>
    </message>
    <message>
        <source>Output · dense</source>
        <translation>出力層 · 全結合</translation>
    </message>
    <message>
        <source>Flattening</source>
        <translation>平坦化（Flatten）</translation>
    </message>
    <message>
        <source>Hidden {0} · dense</source>
        <translation>第 {0} 隠れ層 · 全結合</translation>
    </message>
    <message>
        <source>Hidden {0} · ReLU</source>
        <translation>第 {0} 隠れ層 · ReLU</translation>
    </message>
    <message>
        <source>{0} · convolution {1}×{2}</source>
        <translation>{0} · 畳み込み {1}×{2}</translation>
    </message>
    <message>
        <source>{0} · ReLU</source>
        <translation>{0} · ReLU</translation>
    </message>
    <message>
        <source>{0} · max pooling {1}×{2}</source>
        <translation>{0} · 最大値プーリング {1}×{2}</translation>
    </message>
    <message>
        <source>{0} · average pooling {1}×{2}</source>
        <translation>{0} · 平均値プーリング {1}×{2}</translation>
    </message>
    <message>
        <source>{0} filters, stride {1}×{2}, padding {3}×{4}, dilation {5}×{6}</source>
        <translation>フィルター {0} 個、ストライド {1}×{2}、パディング {3}×{4}、ダイレーション {5}×{6}</translation>
    </message>
    <message>
        <source>Layers of the network</source>
        <translation>ネットワークの層 (layers)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Biases</source>
        <translation>バイアス</translation>
    </message>
    <message>
        <source>Each layer&apos;s output for one image (channels × rows × columns, or a vector&apos;s length) and how many weights and biases it learns. The number before a layer is its convolution block</source>
        <translation>画像 1 枚に対する各層の出力（チャンネル × 行 × 列、またはベクトルの長さ）と、その層が学習する重みとバイアスの数です。層の前の数字は畳み込みブロックの番号です</translation>
    </message>
    <message>
        <source>The weights, their gradients, the optimizer&apos;s state and every layer&apos;s output for the images a training step holds at once</source>
        <translation>重みとその勾配、最適化手法の状態、そして学習の 1 ステップで一度に扱う画像についての全層の出力</translation>
    </message>
    <message>
        <source>Counted from the network&apos;s multiply-adds and this computer&apos;s measured speed; other programs and the live curves can make it slower</source>
        <translation>ネットワークの積和演算の回数と、測ったこのコンピューターの速さから数えています。ほかのプログラムや学習曲線の表示で遅くなることがあります</translation>
    </message>
</context>
<context>
    <name>LearnPage</name>
    <message>
        <source>Lesson %1 of %2</source>
        <translation>レッスン %1 / %2</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Done: its question was answered right.</source>
        <translation>完了：問題に正しく答えました。</translation>
    </message>
    <message>
        <source>Not done yet.</source>
        <translation>まだ終わっていません。</translation>
    </message>
    <message>
        <source>Welcome to CNN Lab</source>
        <translation>CNN Lab へようこそ</translation>
    </message>
    <message>
        <source>New to convolutional networks? The lessons on the Learn page walk through the idea one step at a time, each with something to try and a question.</source>
        <translation>畳み込みニューラルネットワークは初めてですか？ 学ぶページのレッスンでは、考え方を一歩ずつたどります。どのレッスンにも、試せるものと問題があります。</translation>
    </message>
    <message>
        <source>Start the first lesson</source>
        <translation>最初のレッスンを始める</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>今はしない</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <source>Glossary…</source>
        <translation>用語集…</translation>
    </message>
    <message>
        <source>Every term the lessons use, in English and Japanese, and where to see it</source>
        <translation>レッスンで使うすべての用語（英語と日本語）と、それが見られる場所</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 戻る</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>次へ →</translation>
    </message>
</context>
<context>
    <name>LearnedFiltersView</name>
    <message>
        <source>Each square is one learned filter of the first layer (channels averaged): red cells are positive weights, blue negative, white zero, all on one scale</source>
        <translation>四角 1 つが第 1 層の学習済みフィルター 1 つです（チャンネルは平均）。赤いセルは正の重み、青は負、白は 0 で、すべて同じ目盛りで描いています</translation>
    </message>
    <message>
        <source>The first layer&apos;s filters appear here when training starts</source>
        <translation>学習を始めると、ここに第 1 層のフィルターが表示されます</translation>
    </message>
    <message>
        <source>The weight that the darkest red (and blue) stands for</source>
        <translation>いちばん濃い赤（と青）が表す重み</translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s) {0}×{1} · colour scale ±{2:.3g}</source>
        <translation>
            <numerusform>フィルター %n 個 {0}×{1} · 色の目盛り ±{2:.3g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>Show me</source>
        <translation>やってみる</translation>
    </message>
    <message>
        <source>Set the lab up for this lesson: the picture, the filters and the settings</source>
        <translation>このレッスンのためにラボを準備します：画像、フィルター、設定</translation>
    </message>
    <message>
        <source>Glossary…</source>
        <translation>用語集…</translation>
    </message>
    <message>
        <source>The lesson&apos;s filters and settings are in the lab. Your own filters ({0}) are kept: Filters ▸ Restore my filters brings them back.</source>
        <translation>レッスンのフィルターと設定をラボに入れました。あなたのフィルター（{0} 個）は取ってあり、「フィルター ▸ 自分のフィルターに戻す」で元に戻せます。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CNN Lab — how a convolutional network sees</source>
        <translation>CNN Lab — 畳み込みネットワークは画像をどう見るか</translation>
    </message>
    <message>
        <source>0 · Learn</source>
        <translation>0 · 学ぶ</translation>
    </message>
    <message>
        <source>Lessons: the ideas of a convolutional network one at a time, each with something to try and a question</source>
        <translation>レッスン：畳み込みニューラルネットワークの考え方を 1 つずつ。どれにも試せるものと問題があります</translation>
    </message>
    <message>
        <source>1 · Explore a layer</source>
        <translation>1 · 層を調べる</translation>
    </message>
    <message>
        <source>See what one convolutional layer does to a picture, stage by stage</source>
        <translation>1 つの畳み込み層が画像に何をするかを、段階ごとに見ます</translation>
    </message>
    <message>
        <source>2 · Train a network</source>
        <translation>2 · ネットワークを学習する</translation>
    </message>
    <message>
        <source>Train a small CNN on digits, shapes or your own classes and watch it learn</source>
        <translation>数字、図形、または自分で作ったクラスで小さな CNN を学習させ、学習の様子を見ます</translation>
    </message>
    <message>
        <source>3 · Classify</source>
        <translation>3 · 分類する</translation>
    </message>
    <message>
        <source>Draw or pick an image and see the trained network&apos;s probabilities</source>
        <translation>画像を描くか選ぶと、学習したネットワークが出す確率を見られます</translation>
    </message>
    <message>
        <source>4 · Every layer</source>
        <translation>4 · すべての層</translation>
    </message>
    <message>
        <source>See every layer of the trained network for one image, and how each value is computed</source>
        <translation>学習したネットワークのすべての層を 1 枚の画像について見て、それぞれの値がどう計算されるかを確かめます</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open image…</source>
        <translation>画像を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a PNG, JPEG, BMP, GIF or other picture</source>
        <translation>PNG、JPEG、BMP、GIF などの画像を開きます</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>画像を貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Use the picture on the clipboard</source>
        <translation>クリップボードの画像を使います</translation>
    </message>
    <message>
        <source>&amp;Save filters…</source>
        <translation>フィルターを保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the feature detectors as JSON</source>
        <translation>特徴検出器（Feature Detector）を JSON ファイルに保存します</translation>
    </message>
    <message>
        <source>&amp;Load filters…</source>
        <translation>フィルターを読み込む(&amp;L)…</translation>
    </message>
    <message>
        <source>Load feature detectors from JSON</source>
        <translation>JSON ファイルから特徴検出器を読み込みます</translation>
    </message>
    <message>
        <source>&amp;Export stage images…</source>
        <translation>各段階の画像を書き出す(&amp;E)…</translation>
    </message>
    <message>
        <source>Save every stage&apos;s heatmap as PNG</source>
        <translation>各段階のヒートマップを PNG ファイルに保存します</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>モデルを開く(&amp;M)…</translation>
    </message>
    <message>
        <source>Save m&amp;odel…</source>
        <translation>モデルを保存(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the trained model (.npz)</source>
        <translation>学習したモデルを保存します（.npz）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Close CNN Lab</source>
        <translation>CNN Lab を終了します</translation>
    </message>
    <message>
        <source>F&amp;ilters</source>
        <translation>フィルター(&amp;I)</translation>
    </message>
    <message>
        <source>Restore &amp;default filters</source>
        <translation>初期のフィルターに戻す(&amp;D)</translation>
    </message>
    <message>
        <source>Replace every filter by the four CNN Lab starts with: vertical line, horizontal line, sobel x and laplacian (yours are kept aside)</source>
        <translation>すべてのフィルターを、CNN Lab が最初に用意している 4 つ（縦線、横線、ソーベル x、ラプラシアン）に置き換えます（あなたのフィルターは取っておきます）</translation>
    </message>
    <message>
        <source>&amp;Undo filter edit</source>
        <translation>フィルターの編集を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>Take back the latest change to the filters: a weight, a preset, a tool, the kernel size or a whole set</source>
        <translation>フィルターへの最後の変更を取り消します：重み、プリセット、ツール、カーネルの大きさ、フィルター一式の入れ替え</translation>
    </message>
    <message>
        <source>Restore &amp;my filters</source>
        <translation>自分のフィルターに戻す(&amp;M)</translation>
    </message>
    <message>
        <source>Bring back the filters and layer settings you had before a lesson, a file, the default filters or the learned ones replaced them</source>
        <translation>レッスン、ファイル、初期のフィルター、学習したフィルターに置き換えられる前の、あなたのフィルターと層の設定を元に戻します</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Pixel &amp;values…</source>
        <translation>画素値(&amp;V)…</translation>
    </message>
    <message>
        <source>Show the picture as a grid of numbers</source>
        <translation>画像を数の表として表示します</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語 / Language(&amp;L)</translation>
    </message>
    <message>
        <source>Show CNN Lab in another language, at once</source>
        <translation>CNN Lab の表示言語をすぐに切り替えます</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>レッスン(&amp;L)</translation>
    </message>
    <message>
        <source>Open the Learn page: the ideas one at a time, each with something to try</source>
        <translation>学ぶページを開きます：考え方を 1 つずつ、試しながら</translation>
    </message>
    <message>
        <source>&amp;Glossary…</source>
        <translation>用語集(&amp;G)…</translation>
    </message>
    <message>
        <source>Every term in English and Japanese, and where CNN Lab shows it</source>
        <translation>すべての用語の英語と日本語、そして CNN Lab のどこで見られるか</translation>
    </message>
    <message>
        <source>&amp;About CNN Lab</source>
        <translation>CNN Lab について(&amp;A)</translation>
    </message>
    <message>
        <source>Who made CNN Lab, and where its pictures come from</source>
        <translation>CNN Lab の作者と、使っている画像の出典</translation>
    </message>
    <message>
        <source>Load a trained CNN Lab model (.npz)</source>
        <translation>学習済みの CNN Lab モデル（.npz）を読み込みます</translation>
    </message>
    <message>
        <source>About CNN Lab</source>
        <translation>CNN Lab について</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;CNN Lab&lt;/b&gt; shows, step by step, how a convolutional neural network turns an image into features: convolution, ReLU, pooling and flattening.&lt;/p&gt;&lt;p&gt;MNIST digits: Yann LeCun, Corinna Cortes, Christopher Burges (CC BY-SA 3.0). Photos: Stefan van der Walt and Rachel Michetti (CC0), NASA (public domain).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;CNN Lab&lt;/b&gt; は、畳み込みニューラルネットワーク（CNN）が画像を特徴に変えていく様子を、畳み込み、ReLU、プーリング、平坦化（Flatten）と一段ずつ見せるアプリです。&lt;/p&gt;&lt;p&gt;MNIST の手書き数字：Yann LeCun、Corinna Cortes、Christopher Burges（CC BY-SA 3.0）。写真：Stefan van der Walt、Rachel Michetti（CC0）、NASA（パブリックドメイン）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Save filters</source>
        <extracomment>File ▸ Save lab… and Open lab… (the whole lab as one file).</extracomment>
        <translation>フィルターを保存</translation>
    </message>
    <message>
        <source>Filters (*.json)</source>
        <translation>フィルター (*.json)</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}</source>
        <translation>{0} を保存できませんでした：{1}</translation>
    </message>
    <message>
        <source>Load filters</source>
        <translation>フィルターを読み込む</translation>
    </message>
    <message>
        <source>Filters (*.json);;All files (*)</source>
        <translation>フィルター (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Could not load {0}: {1}</source>
        <translation>{0} を読み込めませんでした：{1}</translation>
    </message>
    <message>
        <source>Restored the {0} default filters.</source>
        <translation>初期のフィルター {0} 個に戻しました。</translation>
    </message>
    <message>
        <source>There are no filters of yours to bring back: nothing has replaced them.</source>
        <translation>元に戻すあなたのフィルターはありません。まだ何も置き換えられていません。</translation>
    </message>
    <message>
        <source>Export stage images to</source>
        <translation>各段階の画像の書き出し先</translation>
    </message>
    <message>
        <source>Could not export: {0}</source>
        <translation>書き出せませんでした：{0}</translation>
    </message>
</context>
<context>
    <name>ManyFiltersLesson</name>
    <message>
        <source>Many filters, stacked</source>
        <extracomment>The second-layer map the lesson opens up (0-based). Filters of the stand-in network&apos;s two blocks when no trained one has two.</extracomment>
        <translation>たくさんのフィルターを重ねる（Many filters）</translation>
    </message>
    <message>
        <source>&lt;p&gt;A real network applies many feature detectors to the same picture, each giving its own feature map, and stacks the maps; the study note says this extracts features more precisely. The next convolution then reads &lt;b&gt;every&lt;/b&gt; map of the stack at once: it has one small kernel per map, and adds up what they give.&lt;/p&gt;</source>
        <translation>&lt;p&gt;実際のネットワークでは、同じ画像にたくさんの特徴検出器を掛け、それぞれが自分の特徴マップを出し、それらを重ね合わせます。備忘録にあるとおり、こうすることでより高い精度で特徴を抽出できます。次の畳み込みは、重ねたマップの&lt;b&gt;すべて&lt;/b&gt;を一度に読みます。マップごとに小さなカーネルを 1 つずつ持ち、その結果を足し合わせます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The trained network&apos;s second block, for this picture.</source>
        <translation>この画像に対する、学習済みネットワークの 2 番目のブロックです。</translation>
    </message>
    <message>
        <source>No trained network with two blocks yet, so this one has random (untrained) weights; train one on the Train page to see learned ones.</source>
        <translation>2 ブロックの学習済みネットワークがまだないので、ここではランダムな（学習前の）重みを使っています。学習ページで学習すると、学習した重みで見られます。</translation>
    </message>
    <message>
        <source>Second-layer map %1 = the %2 shares added up + bias %3. Its largest difference from the network&apos;s own forward pass: %4.</source>
        <translation>第 2 層のマップ %1 = %2 個の寄与の合計 + バイアス %3。ネットワーク自身の順伝播との差の最大値：%4。</translation>
    </message>
    <message>
        <source>Second-layer map %1</source>
        <translation>第 2 層のマップ %1</translation>
    </message>
    <message>
        <source>The first block gives %1 maps. How many numbers (weights) does the second convolution use for one of its maps, with %2×%3 kernels, not counting the bias?</source>
        <translation>最初のブロックは %1 枚のマップを出します。カーネルが %2×%3 のとき、2 番目の畳み込みは自分のマップ 1 枚のために、バイアスを除いていくつの数値（重み）を使いますか？</translation>
    </message>
    <message>
        <source>One %1×%2 kernel for each of the %3 maps it reads: %3 × %1 × %2 = %4 weights.</source>
        <translation>読む %3 枚のマップそれぞれに %1×%2 のカーネルが 1 つずつあるので、%3 × %1 × %2 = %4 個の重みです。</translation>
    </message>
    <message>
        <source>Four detectors (their weights, then their feature maps after ReLU), all on the same picture:</source>
        <translation>同じ画像に掛けた 4 つの特徴検出器（重みと、ReLU の後の特徴マップ）：</translation>
    </message>
    <message>
        <source>Two blocks: each map of the first block is convolved with its own kernel, and the results are added up into one map of the second block.</source>
        <translation>2 ブロックの場合：最初のブロックの各マップをそれぞれのカーネルで畳み込み、その結果を足し合わせて 2 番目のブロックのマップ 1 枚にします。</translation>
    </message>
    <message>
        <source>First-block maps</source>
        <translation>第 1 ブロックのマップ</translation>
    </message>
    <message>
        <source>Each convolved with its own kernel</source>
        <translation>それぞれのカーネルで畳み込んだもの</translation>
    </message>
    <message>
        <source>See every layer…</source>
        <translation>すべての層を見る…</translation>
    </message>
    <message>
        <source>Open the Every layer page: click a unit there to see its arithmetic</source>
        <translation>「すべての層」ページを開きます。そこでユニットをクリックすると計算の中身が見られます</translation>
    </message>
</context>
<context>
    <name>MapPicture</name>
    <message>
        <source>row {0}, column {1}: {2}</source>
        <translation>{0} 行 {1} 列: {2}</translation>
    </message>
</context>
<context>
    <name>MenuCommands</name>
    <message numerus="yes">
        <source>Saved %n filter(s) to {0}</source>
        <translation>
            <numerusform>{0} にフィルターを %n 個保存しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n filter(s) from {0}</source>
        <translation>
            <numerusform>{0} からフィルターを %n 個読み込みました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n image(s) to {0}</source>
        <translation>
            <numerusform>{0} に画像を %n 枚書き出しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored the {0} default filters. Filters ▸ Restore my filters brings back the %n shown before.</source>
        <translation>
            <numerusform>初期のフィルター {0} 個に戻しました。「フィルター ▸ 自分のフィルターに戻す」で、前に表示していた %n 個を元に戻せます。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your %n filter(s) and layer settings are back.</source>
        <translation>
            <numerusform>あなたのフィルター %n 個と層の設定を元に戻しました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message numerus="yes">
        <source>Opened {0}: %n class(es) ({1}).</source>
        <translation>
            <numerusform>{0} を開きました：%n クラス（{1}）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n epoch(s) to {0}.</source>
        <translation>
            <numerusform>{0} に %n エポック分を書き出しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your classes (%n example(s)) are not saved, and could not be kept for the next start.</source>
        <translation>
            <numerusform>自分のクラス（例 %n 個）が保存されておらず、次回の起動まで取っておくこともできませんでした。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyClassesPage</name>
    <message numerus="yes">
        <source>Saved %n example(s) to “{0}” (classes: {1}).</source>
        <translation>
            <numerusform>例 %n 個を「{0}」に保存しました（{1} クラス）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n example(s) (classes: {0}).</source>
        <translation>
            <numerusform>例 %n 個を読み込みました（{0} クラス）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the first: {0}</source>
        <translation>
            <numerusform>ファイル %n 個を読み込めませんでした。{0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>No trained network yet</source>
        <extracomment>Until the learner clicks a unit, the selection is the answer&apos;s probability, and follows the answer when the image changes (a new drawing, another picture).</extracomment>
        <translation>まだ学習したネットワークがありません</translation>
    </message>
    <message>
        <source>This page shows every layer of a trained network for one image: the feature maps of each convolution, activation and pooling, the flattened vector, the fully connected layers and the softmax probabilities. Train a network first (or open a model file with File ▸ Open model…).</source>
        <translation>このページでは、学習したネットワークのすべての層を 1 枚の画像について表示します。畳み込み・活性化・プーリングごとの特徴マップ、平坦化したベクトル、全結合層、ソフトマックス関数の確率です。まずネットワークを学習してください（または ファイル ▸ モデルを開く… でモデルファイルを開きます）。</translation>
    </message>
    <message>
        <source>Go to the Train page</source>
        <translation>学習ページへ</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>画像:</translation>
    </message>
    <message>
        <source>Classify page&apos;s input</source>
        <translation>分類ページの入力</translation>
    </message>
    <message>
        <source>What you draw, or the test image or picture you pick, on the Classify page</source>
        <translation>分類ページで描いた絵、または選んだテスト画像や写真</translation>
    </message>
    <message>
        <source>Explorer&apos;s image</source>
        <translation>「層を調べる」の画像</translation>
    </message>
    <message>
        <source>The explorer&apos;s picture; one of another size is cropped and centred in 28×28 like a drawing</source>
        <translation>「層を調べる」ページの画像です。大きさが違うときは、手描きの絵と同じように切り抜いて 28×28 の中央に置きます</translation>
    </message>
    <message>
        <source>Click any square to see how it was computed; hover to read its value.</source>
        <translation>マスをクリックすると計算の中身が、マウスを重ねると値が表示されます。</translation>
    </message>
    <message numerus="yes">
        <source>This network reads {0}×{1} images with %n channel(s); the chosen image does not fit it. Pick the other image above.</source>
        <translation>
            <numerusform>このネットワークは {0}×{1}、%n チャンネルの画像を読みます。選んだ画像は合いません。上でもう一方の画像を選んでください。</numerusform>
        </translation>
    </message>
    <message>
        <source>The network&apos;s answer: “{0}” ({1})</source>
        <translation>ネットワークの答え: 「{0}」（{1}）</translation>
    </message>
</context>
<context>
    <name>NetworkTexts</name>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Convolution {0}</source>
        <extracomment>The receptive-field outline, as on the Network page.</extracomment>
        <translation>畳み込み {0}</translation>
    </message>
    <message>
        <source>ReLU of hidden {0}</source>
        <translation>隠れ層 {0} の ReLU</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>ReLU {0}</source>
        <translation>ReLU {0}</translation>
    </message>
    <message>
        <source>Max pooling {0}</source>
        <translation>最大値プーリング {0}</translation>
    </message>
    <message>
        <source>Average pooling {0}</source>
        <translation>平均値プーリング {0}</translation>
    </message>
    <message>
        <source>Flattening</source>
        <translation>平坦化（Flatten）</translation>
    </message>
    <message>
        <source>Hidden layer {0}</source>
        <translation>隠れ層 {0}</translation>
    </message>
    <message>
        <source>Output scores</source>
        <translation>出力スコア</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>ソフトマックス</translation>
    </message>
    <message>
        <source>pixel at row {0}, column {1}</source>
        <translation>{0} 行 {1} 列の画素</translation>
    </message>
    <message>
        <source>channel {0}, row {1}, column {2}</source>
        <translation>チャンネル {0}、{1} 行 {2} 列</translation>
    </message>
    <message>
        <source>map {0}, row {1}, column {2}</source>
        <translation>マップ {0}、{1} 行 {2} 列</translation>
    </message>
    <message>
        <source>class “{0}”</source>
        <translation>クラス「{0}」</translation>
    </message>
    <message>
        <source>value {0}</source>
        <translation>{0} 番目の値</translation>
    </message>
    <message>
        <source>unit {0}</source>
        <translation>ユニット {0}</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>{0} (edited)</source>
        <translation>{0}（編集済み）</translation>
    </message>
    <message numerus="yes">
        <source>%n map(s) of {0}×{1}</source>
        <translation>
            <numerusform>{0}×{1} の特徴マップ %n 枚</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n クラス</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n 個の値</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} · {1}: {2}</source>
        <translation>{0} · {1}: {2}</translation>
    </message>
    <message>
        <source>the picture&apos;s own colours</source>
        <translation>画像そのものの色</translation>
    </message>
    <message>
        <source>0 = paper, 1 = ink</source>
        <translation>0 = 紙、1 = インク</translation>
    </message>
    <message>
        <source>bar length = probability</source>
        <translation>棒の長さ = 確率</translation>
    </message>
    <message>
        <source>Block {0}, one scale: blue &lt; 0 &lt; red</source>
        <translation>ブロック {0} は共通の色目盛り: 青 &lt; 0 &lt; 赤</translation>
    </message>
    <message>
        <source>Hidden layer {0}: blue &lt; 0 &lt; red</source>
        <translation>隠れ層 {0}: 青 &lt; 0 &lt; 赤</translation>
    </message>
    <message>
        <source>blue &lt; 0 &lt; red</source>
        <translation>青 &lt; 0 &lt; 赤</translation>
    </message>
</context>
<context>
    <name>NumbersWindow</name>
    <message>
        <source>Pixel values — the image as numbers</source>
        <translation>画素値 — 数として見た画像</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>チャンネル:</translation>
    </message>
    <message>
        <source>&amp;Red</source>
        <translation>赤(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Green</source>
        <translation>緑(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Blue</source>
        <translation>青(&amp;B)</translation>
    </message>
    <message>
        <source>Show the red channel: 0 = no red, 1 = full red.</source>
        <translation>赤のチャンネルを表示します。0 = 赤なし、1 = 赤が最大です。</translation>
    </message>
    <message>
        <source>Show the green channel: 0 = no green, 1 = full green.</source>
        <translation>緑のチャンネルを表示します。0 = 緑なし、1 = 緑が最大です。</translation>
    </message>
    <message>
        <source>Show the blue channel: 0 = no blue, 1 = full blue.</source>
        <translation>青のチャンネルを表示します。0 = 青なし、1 = 青が最大です。</translation>
    </message>
    <message>
        <source>The working image&apos;s size: rows × columns, and how many numbers that makes.</source>
        <translation>処理する画像の大きさ（行 × 列）と、それが何個の数になるかです。</translation>
    </message>
    <message>
        <source>&amp;Zoom:</source>
        <translation>拡大(&amp;Z):</translation>
    </message>
    <message>
        <source>Cell size in screen pixels (also Ctrl+wheel over the grid, Ctrl++ and Ctrl+−).</source>
        <translation>セルの大きさ（画面の画素数）です。表の上で Ctrl+ホイール、Ctrl++、Ctrl+− でも変えられます。</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>全体を表示(&amp;F)</translation>
    </message>
    <message>
        <source>Choose the cell size that shows the whole picture in the window (Ctrl+0).</source>
        <translation>画像全体がウィンドウに収まるセルの大きさにします（Ctrl+0）。</translation>
    </message>
    <message>
        <source>The pixel under the pointer.</source>
        <translation>ポインターの下にある画素です。</translation>
    </message>
    <message>
        <source>Click a cell of the feature map in the explorer to see which pixels it reads.</source>
        <translation>「層を調べる」ページで特徴マップのセルをクリックすると、そのセルが読む画素がわかります。</translation>
    </message>
    <message>
        <source>{0}×{1} = {2} numbers</source>
        <translation>{0}×{1} = {2} 個の数</translation>
    </message>
    <message>
        <source>{0}×{1}×3 = {2} numbers</source>
        <translation>{0}×{1}×3 = {2} 個の数</translation>
    </message>
    <message>
        <source>This picture is {0}×{1}: too many pixels to list. Set the working size to 28 to read its numbers.</source>
        <translation>この画像は {0}×{1} で、画素が多すぎて一覧にできません。数を読むには、処理サイズを 28 にしてください。</translation>
    </message>
    <message>
        <source>red</source>
        <translation>赤</translation>
    </message>
    <message>
        <source>green</source>
        <translation>緑</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>青</translation>
    </message>
    <message>
        <source>Each pixel is three numbers, one per colour channel: 0 = full colour, 1 = none (inverted). Showing {0}.</source>
        <translation>各画素は、色のチャンネルごとに 1 つずつ、3 つの数です。0 = 色が最大、1 = 色なし（反転）。{0}を表示しています。</translation>
    </message>
    <message>
        <source>Each pixel is three numbers, one per colour channel: 0 = none of that colour, 1 = full. Showing {0}.</source>
        <translation>各画素は、色のチャンネルごとに 1 つずつ、3 つの数です。0 = その色なし、1 = 最大。{0}を表示しています。</translation>
    </message>
    <message>
        <source>Each pixel is a number: white = 1, black = 0 (inverted: grayscale now measures brightness).</source>
        <translation>各画素は 1 つの数です。白 = 1、黒 = 0（反転: グレースケールが明るさを表しています）。</translation>
    </message>
    <message>
        <source>Each pixel is a number: white = 0, black = 1 (grayscale measures darkness).</source>
        <translation>各画素は 1 つの数です。白 = 0、黒 = 1（グレースケールは暗さを表します）。</translation>
    </message>
    <message>
        <source>Green frame: the {0}×{1} pixels “{2}” reads for feature-map cell ({3}, {4}).</source>
        <translation>緑の枠: 特徴マップのセル ({3}, {4}) を計算するために「{2}」が読む {0}×{1} の画素</translation>
    </message>
    <message>
        <source>Point at a cell to read its row, column and value.</source>
        <translation>セルにポインターを合わせると、その行・列・値が表示されます。</translation>
    </message>
    <message>
        <source>{0} px</source>
        <translation>{0} px</translation>
    </message>
</context>
<context>
    <name>PairSpin</name>
    <message>
        <source>Linked: rows and columns take the same value</source>
        <extracomment>An exploration in the worker shows &quot;Computing the stages…&quot; once it has taken this long.</extracomment>
        <translation>連動: 行と列が同じ値になります</translation>
    </message>
</context>
<context>
    <name>PixelGrid</name>
    <message>
        <source>row {0}, col {1} = {2}</source>
        <extracomment>Pictures larger than this (rows or columns) are not listed: thousands of numbers teach nothing, and the learner is told to pick a small working size instead.</extracomment>
        <translation>行 {0}、列 {1} = {2}</translation>
    </message>
</context>
<context>
    <name>PoolingLesson</name>
    <message>
        <source>Pooling</source>
        <extracomment>The dense layer the savings are counted for: one output per digit.</extracomment>
        <translation>プーリング（Pooling）</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Max pooling&lt;/b&gt; keeps the largest value of each small block (2×2, say) of a feature map; &lt;b&gt;average pooling&lt;/b&gt; keeps the block&apos;s mean. Either way the map shrinks, and a feature that moves a little inside its block gives nearly the same pooled value: the same dog, photographed from a slightly different angle, still lights up the same cells. Move the picture below and compare how much each map changes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;最大値プーリング&lt;/b&gt;は、特徴マップの小さなブロック（たとえば 2×2）ごとに最大の値を残します。&lt;b&gt;平均値プーリング&lt;/b&gt;はブロックの平均を残します。どちらでもマップは小さくなり、特徴がブロックの中で少し動いても、プーリング後の値はほとんど変わりません。同じ犬を少し違う角度から撮っても、同じマスが光るということです。下で画像を動かし、それぞれのマップがどれだけ変わるか比べてみましょう。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The picture is too small for this filter and pool: open a larger picture.</source>
        <translation>画像が小さすぎて、このフィルターとプーリングをかけられません。もっと大きな画像を開いてください。</translation>
    </message>
    <message>
        <source>Set a shift above to move the picture, then compare the maps before and after.</source>
        <translation>上で移動量を設定して画像を動かし、前後のマップを比べてください。</translation>
    </message>
    <message>
        <source>Moving the picture %1 changed %2 of the feature map&apos;s %3 cells; on average a cell changed by %4 × the map&apos;s mean value. The pooled map: %5 of %6 cells, by %7 × its mean. &lt;b&gt;The pooled map changed %8 times less.&lt;/b&gt;</source>
        <translation>画像を%1 動かすと、特徴マップの %3 マスのうち %2 マスが変わりました。1 マスあたりの変化は平均してマップの平均値の %4 倍です。プーリング後のマップでは %6 マスのうち %5 マス、変化は平均値の %7 倍でした。&lt;b&gt;プーリング後のマップの変化は %8 分の 1 です。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A shift as large as the %1×%1 block moves every pooled value to the next cell: pooling forgives only moves smaller than its block.</source>
        <translation>%1×%1 のブロックと同じだけ動かすと、プーリング後の値はすべて隣のマスへずれます。プーリングが吸収できるのは、ブロックより小さな動きだけです。</translation>
    </message>
    <message>
        <source>The %1 feature maps hold %2 values. How many pooling passes on, and how many weights that saves a dense layer of %3 outputs after it, is told once you have answered the question below.</source>
        <translation>%1 枚の特徴マップには %2 個の値があります。プーリングが次へ渡す値の数と、その後ろの出力 %3 個の全結合層で重みがどれだけ減るかは、下の問題に答えると表示されます。</translation>
    </message>
    <message>
        <source>Pooling passes on %1 of %2 values (%3 % fewer) from the %4 feature maps. A dense layer of %5 outputs after it needs %6 weights instead of %7.</source>
        <translation>プーリングは %4 枚の特徴マップの %2 個の値のうち %1 個だけを次へ渡します（%3 % 減）。その後ろの出力 %5 個の全結合層に必要な重みは、%7 個ではなく %6 個です。</translation>
    </message>
    <message>
        <source>This lesson convolves the picture with stride 1 and no padding, so the lab&apos;s %1 filters make %1 feature maps of %2×%3 cells. After %4×%4 pooling, how many values go on to the next layer?</source>
        <translation>このレッスンでは画像をストライド 1、パディングなしで畳み込むので、ラボの %1 個のフィルターから %2×%3 マスの特徴マップが %1 枚できます。%4×%4 のプーリングのあと、次の層へ渡る値は何個ですか。</translation>
    </message>
    <message>
        <source>Each map becomes %1×%2 (%3 ÷ %5 and %4 ÷ %5, rounded down), so %6 maps × %1 × %2 = %7 values.</source>
        <translation>各マップは %1×%2 になります（%3 ÷ %5 と %4 ÷ %5、端数切り捨て）。したがって %6 枚 × %1 × %2 = %7 個です。</translation>
    </message>
    <message>
        <source>Max pooling</source>
        <translation>最大値プーリング</translation>
    </message>
    <message>
        <source>Average pooling</source>
        <translation>平均値プーリング</translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation>プーリング：</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>ブロック：</translation>
    </message>
    <message>
        <source>Move the picture:</source>
        <translation>画像を動かす：</translation>
    </message>
    <message>
        <source>down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右へ</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Feature map</source>
        <translation>特徴マップ</translation>
    </message>
    <message>
        <source>Max pooled</source>
        <translation>最大値プーリング後</translation>
    </message>
    <message>
        <source>Average pooled</source>
        <translation>平均値プーリング後</translation>
    </message>
    <message>
        <source>Feature map, moved</source>
        <translation>特徴マップ（移動後）</translation>
    </message>
    <message>
        <source>Pooled, moved</source>
        <translation>プーリング後（移動後）</translation>
    </message>
    <message>
        <source>%1 px down</source>
        <translation>下へ %1 px</translation>
    </message>
    <message>
        <source>%1 px up</source>
        <translation>上へ %1 px</translation>
    </message>
    <message>
        <source>%1 px right</source>
        <translation>右へ %1 px</translation>
    </message>
    <message>
        <source>%1 px left</source>
        <translation>左へ %1 px</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1、%2</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <source>Use learned filters</source>
        <extracomment>Why the learned filters could not be used (shown in the hint), or None.</extracomment>
        <translation>学習したフィルターを使う</translation>
    </message>
    <message>
        <source>Put the trained network&apos;s first-layer filters into the filter editor, with its stride, padding and pooling, so the explorer shows what the network computes</source>
        <translation>学習済みネットワークの第 1 層のフィルターを、ストライド、パディング、プーリングと一緒にフィルターエディターに入れます。「層を調べる」にネットワークの計算が表示されます</translation>
    </message>
    <message>
        <source>Reset to learned</source>
        <translation>学習した値に戻す</translation>
    </message>
    <message>
        <source>Undo your edits: put the filters back exactly as the network learned them</source>
        <translation>編集を取り消し、フィルターをネットワークが学習したとおりに戻します</translation>
    </message>
    <message>
        <source>Trained network</source>
        <translation>学習済みネットワーク</translation>
    </message>
    <message>
        <source>No trained model yet — train one on the Train page</source>
        <translation>学習済みのモデルがまだありません。学習ページで学習してください</translation>
    </message>
    <message>
        <source>The model reads {0}×{1} grayscale images: pick a digit or set the size to {0}</source>
        <translation>このモデルは {0}×{1} のグレースケール画像を読みます。数字を選ぶか、サイズを {0} にしてください</translation>
    </message>
    <message>
        <source>The model reads {0}×{1} colour images: pick one or set the size to {0}</source>
        <translation>このモデルは {0}×{1} のカラー画像を読みます。カラー画像を選ぶか、サイズを {0} にしてください</translation>
    </message>
    <message>
        <source>Train a network, then look inside it here.</source>
        <translation>ネットワークを学習させると、ここでその中身を見られます。</translation>
    </message>
    <message>
        <source>This network has no convolution layer to show.</source>
        <translation>このネットワークには表示できる畳み込み層がありません。</translation>
    </message>
    <message>
        <source>“Use learned filters” shows the network&apos;s own first layer in the explorer.</source>
        <translation>「学習したフィルターを使う」で、ネットワーク自身の第 1 層を「層を調べる」に表示します。</translation>
    </message>
    <message>
        <source>The prediction now uses your edited weights. “Reset to learned” undoes the edits.</source>
        <translation>予測には編集した重みが使われています。「学習した値に戻す」で編集を取り消せます。</translation>
    </message>
    <message>
        <source>Edit a learned weight in the filter editor and watch the prediction change.</source>
        <translation>フィルターエディターで学習した重みを編集し、予測が変わる様子を見てみましょう。</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Identity</source>
        <translation>恒等（そのまま）</translation>
    </message>
    <message>
        <source>Box blur</source>
        <translation>ぼかし（平均）</translation>
    </message>
    <message>
        <source>Gaussian blur</source>
        <translation>ガウスぼかし</translation>
    </message>
    <message>
        <source>Sharpen</source>
        <translation>シャープ化</translation>
    </message>
    <message>
        <source>Sobel x (vertical edges)</source>
        <translation>Sobel x（縦のエッジ）</translation>
    </message>
    <message>
        <source>Sobel y (horizontal edges)</source>
        <translation>Sobel y（横のエッジ）</translation>
    </message>
    <message>
        <source>Prewitt x (vertical edges)</source>
        <translation>Prewitt x（縦のエッジ）</translation>
    </message>
    <message>
        <source>Prewitt y (horizontal edges)</source>
        <translation>Prewitt y（横のエッジ）</translation>
    </message>
    <message>
        <source>Laplacian</source>
        <translation>ラプラシアン</translation>
    </message>
    <message>
        <source>Emboss</source>
        <translation>エンボス</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>輪郭</translation>
    </message>
    <message>
        <source>Horizontal line</source>
        <translation>横線</translation>
    </message>
    <message>
        <source>Vertical line</source>
        <translation>縦線</translation>
    </message>
    <message>
        <source>Diagonal line \</source>
        <translation>斜め線 \</translation>
    </message>
    <message>
        <source>Diagonal line /</source>
        <translation>斜め線 /</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>No trained model yet — train one on the Train page</source>
        <translation>学習済みのモデルがまだありません。「ネットワークを学習する」ページで学習してください</translation>
    </message>
    <message>
        <source>The class the network finds most likely, and the probability it gives it</source>
        <extracomment>The winning class stands out; the others stay quiet so the eye goes to the winner. A bar longer than this carries its value inside, in white, so the label never leaves the fixed 0–1 axis.</extracomment>
        <translation>ネットワークが最も可能性が高いと判断したクラスと、その確率</translation>
    </message>
    <message>
        <source>Softmax probabilities: how likely the network finds each class. They add up to 100%.</source>
        <translation>ソフトマックス関数による確率: ネットワークが各クラスをどのくらいありそうと見ているかです。合計は 100% になります。</translation>
    </message>
    <message>
        <source>Prediction: —</source>
        <translation>予測: —</translation>
    </message>
    <message>
        <source>Prediction: {0} ({1} sure)</source>
        <translation>予測: {0}（確率 {1}）</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>&lt;b&gt;Right.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;正解です。&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not quite.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;惜しい、違います。&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>“%1” is not a number this box can read: type digits, such as 0.5, −3 or 1/2.</source>
        <translation>「%1」は数値として読み取れません。0.5、−3、1/2 のように数字で入力してください。</translation>
    </message>
    <message>
        <source>Type a number first, then press Check.</source>
        <translation>先に数値を入力してから「答え合わせ」を押してください。</translation>
    </message>
    <message>
        <source>Pick one of the answers first, then press Check.</source>
        <translation>先に答えを 1 つ選んでから「答え合わせ」を押してください。</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>答え合わせ</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>答えを見る</translation>
    </message>
    <message>
        <source>your answer</source>
        <translation>答え</translation>
    </message>
</context>
<context>
    <name>ReluLesson</name>
    <message>
        <source>Why ReLU</source>
        <extracomment>The filters the learner can stack (3×3 presets). The picture Show me loads. Where the line plot runs: X from -3 to 3.</extracomment>
        <translation>なぜ ReLU か（活性化関数 / activation function）</translation>
    </message>
    <message>
        <source>&lt;p&gt;A filter multiplies and adds, so it is &lt;i&gt;linear&lt;/i&gt;. Apply a second filter to the first one&apos;s map and you get nothing new: the two together are one larger filter, the &lt;b&gt;combined kernel&lt;/b&gt; below. A stack of straight lines is still a straight line. A non-linear &lt;b&gt;activation function&lt;/b&gt; such as ReLU (negative values become 0) between the layers is what lets a deeper network express more.&lt;/p&gt;</source>
        <translation>&lt;p&gt;フィルターは掛けて足すだけなので&lt;i&gt;線形&lt;/i&gt;です。1 つ目のフィルターのマップに 2 つ目のフィルターをかけても、新しいことは何も起きません。2 つ合わせると、下の&lt;b&gt;合成カーネル&lt;/b&gt;という 1 つの大きなフィルターと同じです。直線をいくつ重ねても直線のままです。層と層の間に ReLU（負の値を 0 にする）のような非線形の&lt;b&gt;活性化関数&lt;/b&gt;を入れることで、深いネットワークはより多くを表現できるようになります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The picture is smaller than the combined kernel: open a larger picture.</source>
        <translation>画像が合成カーネルより小さいので計算できません。もっと大きな画像を開いてください。</translation>
    </message>
    <message>
        <source>With &lt;b&gt;ReLU&lt;/b&gt; between the two filters, the result differs from the combined filter&apos;s by up to &lt;b&gt;%1&lt;/b&gt; on the %2×%3 map: no single filter does what the two do now.</source>
        <translation>2 つのフィルターの間に &lt;b&gt;ReLU&lt;/b&gt; を入れると、結果は合成フィルターの結果と %2×%3 のマップ上で最大 &lt;b&gt;%1&lt;/b&gt; 違います。いまの 2 つのフィルターと同じ働きをするフィルターは、1 つでは作れません。</translation>
    </message>
    <message>
        <source>The two filters one after the other and the one combined filter give the same %2×%3 map: the largest difference is &lt;b&gt;%1&lt;/b&gt;, rounding error only.</source>
        <translation>2 つのフィルターを順にかけた結果と、1 つの合成フィルターの結果は、同じ %2×%3 のマップになります。最大の差は &lt;b&gt;%1&lt;/b&gt; で、丸め誤差だけです。</translation>
    </message>
    <message>
        <source>z = w′(wX + b) + b′&lt;br&gt;= (%3 × %1)X + (%3 × %2 %4)&lt;br&gt;= &lt;b&gt;%5X %6&lt;/b&gt;: one straight line.</source>
        <translation>z = w′(wX + b) + b′&lt;br&gt;= (%3 × %1)X + (%3 × %2 %4)&lt;br&gt;= &lt;b&gt;%5X %6&lt;/b&gt;：1 本の直線です。</translation>
    </message>
    <message>
        <source>z = w′·ReLU(wX + b) + b′ with w = 0: ReLU(b) is one number, so z is flat.</source>
        <translation>z = w′·ReLU(wX + b) + b′ で w = 0 のとき、ReLU(b) は 1 つの数なので、z は水平な直線です。</translation>
    </message>
    <message>
        <source>z = w′·ReLU(wX + b) + b′&lt;br&gt;ReLU turns wX + b into 0 where it is negative, so the line can bend at X = −b / w = &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>z = w′·ReLU(wX + b) + b′&lt;br&gt;ReLU は wX + b が負の所を 0 にするので、X = −b / w = &lt;b&gt;%1&lt;/b&gt; で線が折れ曲がります。</translation>
    </message>
    <message>
        <source>Look at the settings on the right (with ReLU on or off). Is this stack, from X to z, linear between X = −3 and X = 3?</source>
        <translation>右の設定（ReLU のオン・オフを含む）を見てください。X から z までのこの積み重ねは、X = −3 から 3 の間で線形ですか。</translation>
    </message>
    <message>
        <source>Yes: a straight line</source>
        <translation>はい：直線</translation>
    </message>
    <message>
        <source>No: it bends</source>
        <translation>いいえ：折れ曲がる</translation>
    </message>
    <message>
        <source>Linear. Without an activation, z = %1X + %2, a straight line, whatever the weights.</source>
        <translation>線形です。活性化関数がなければ z = %1X + %2 となり、重みが何であっても直線です。</translation>
    </message>
    <message>
        <source>Linear here: w′ = 0 multiplies whatever ReLU gives by 0, so z = b′ for every X, a flat line. Give w′ another value to see ReLU&apos;s bend.</source>
        <translation>この範囲では線形です。w′ = 0 なので ReLU の出力に何が出ても 0 倍になり、どの X でも z = b′ の平らな線です。w′ を別の値にすると ReLU の曲がりが見えます。</translation>
    </message>
    <message>
        <source>Linear here: w = 0 makes wX + b the same number b for every X, so there is nothing for ReLU to bend and z is flat. Give w another value to see it bend.</source>
        <translation>この範囲では線形です。w = 0 なので wX + b はどの X でも同じ数 b になり、ReLU が曲げるものがなく、z は平らです。w を別の値にすると曲がるのが見えます。</translation>
    </message>
    <message>
        <source>Linear here. ReLU is on, but wX + b keeps one sign from X = −3 to 3, so ReLU never cuts and this part stays straight. Move b to see it bend.</source>
        <translation>この範囲では線形です。ReLU はオンですが、X = −3 から 3 の間で wX + b の符号が変わらないので、ReLU は何も切らず、この部分は直線のままです。b を動かすと曲がるのが見えます。</translation>
    </message>
    <message>
        <source>Not linear. ReLU sets wX + b to 0 on one side of X = %1, so the line bends there: it is no longer one straight line.</source>
        <translation>線形ではありません。ReLU は X = %1 の片側で wX + b を 0 にするので、線はそこで折れ曲がります。もう 1 本の直線ではありません。</translation>
    </message>
    <message>
        <source>First filter:</source>
        <translation>1 つ目のフィルター：</translation>
    </message>
    <message>
        <source>then:</source>
        <translation>次に：</translation>
    </message>
    <message>
        <source>ReLU between them</source>
        <translation>間に ReLU を入れる</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Filter 1</source>
        <translation>フィルター 1</translation>
    </message>
    <message>
        <source>Filter 2</source>
        <translation>フィルター 2</translation>
    </message>
    <message>
        <source>Combined kernel (5×5)</source>
        <translation>合成カーネル（5×5）</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>ReLU in the hidden layer</source>
        <translation>隠れ層に ReLU を入れる</translation>
    </message>
    <message>
        <source>Input X → hidden y → output z</source>
        <translation>入力 X → 隠れ層 y → 出力 z</translation>
    </message>
    <message>
        <source>output z</source>
        <translation>出力 z</translation>
    </message>
    <message>
        <source>hidden y</source>
        <translation>隠れ層 y</translation>
    </message>
</context>
<context>
    <name>Samples</name>
    <message>
        <source>X (9×9)</source>
        <translation>X (9×9)</translation>
    </message>
    <message>
        <source>O (9×9)</source>
        <translation>O (9×9)</translation>
    </message>
    <message>
        <source>Smiley (9×9)</source>
        <translation>笑顔 (9×9)</translation>
    </message>
    <message>
        <source>Plus (7×7)</source>
        <translation>十字 (7×7)</translation>
    </message>
    <message>
        <source>Vertical stripes (9×9)</source>
        <translation>縦じま (9×9)</translation>
    </message>
    <message>
        <source>Horizontal stripes (9×9)</source>
        <translation>横じま (9×9)</translation>
    </message>
    <message>
        <source>Checkerboard (8×8)</source>
        <translation>市松模様 (8×8)</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>円</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>Triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <source>Cross</source>
        <translation>バツ印</translation>
    </message>
    <message>
        <source>Horizontal line</source>
        <translation>横線</translation>
    </message>
    <message>
        <source>Vertical line</source>
        <translation>縦線</translation>
    </message>
    <message>
        <source>Cat</source>
        <translation>猫</translation>
    </message>
    <message>
        <source>Coffee</source>
        <translation>コーヒー</translation>
    </message>
    <message>
        <source>Astronaut</source>
        <translation>宇宙飛行士</translation>
    </message>
    <message>
        <source>Digit {0}</source>
        <translation>数字 {0}</translation>
    </message>
    <message>
        <source>Patterns</source>
        <translation>模様</translation>
    </message>
    <message>
        <source>Digits (MNIST)</source>
        <translation>数字 (MNIST)</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>図形</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>“Chelsea” the cat: photograph by Stefan van der Walt, CC0 (scikit-image)</source>
        <translation>猫の「Chelsea」: 撮影 Stefan van der Walt、CC0 (scikit-image)</translation>
    </message>
    <message>
        <source>Coffee: photograph by Rachel Michetti, courtesy of Pikolo Espresso Bar, CC0 (scikit-image)</source>
        <translation>コーヒー: 撮影 Rachel Michetti、提供 Pikolo Espresso Bar、CC0 (scikit-image)</translation>
    </message>
    <message>
        <source>Astronaut Eileen Collins: NASA, public domain (scikit-image)</source>
        <translation>宇宙飛行士 Eileen Collins: NASA、パブリックドメイン (scikit-image)</translation>
    </message>
</context>
<context>
    <name>SoftmaxLesson</name>
    <message>
        <source>Softmax and cross-entropy</source>
        <extracomment>The scores the sliders start at (dog, cat, bird) and their range. Slider steps per score unit.</extracomment>
        <translation>ソフトマックス関数と交差エントロピー誤差（Softmax, cross-entropy）</translation>
    </message>
    <message>
        <source>&lt;p&gt;The output layer gives each class a &lt;b&gt;score&lt;/b&gt;. The &lt;b&gt;softmax function&lt;/b&gt; turns the scores into probabilities that add up to 1: p = e&lt;sup&gt;z&lt;/sup&gt; / Σe&lt;sup&gt;z&lt;/sup&gt;. The &lt;b&gt;cross-entropy&lt;/b&gt; loss is −log p of the true class: near 0 when the network is right and sure, large when it is wrong. Its gradient at the scores is simply p − y, so the more wrong the prediction, the harder training pushes. With &lt;b&gt;squared error&lt;/b&gt; on the probabilities, the push fades away exactly when the prediction is confidently wrong; that is why classification uses cross-entropy and squared error is left to regression.&lt;/p&gt;</source>
        <translation>&lt;p&gt;出力層は各クラスに&lt;b&gt;スコア&lt;/b&gt;を与えます。&lt;b&gt;ソフトマックス関数&lt;/b&gt;はスコアを、合計が 1 になる確率に変えます：p = e&lt;sup&gt;z&lt;/sup&gt; / Σe&lt;sup&gt;z&lt;/sup&gt;。&lt;b&gt;交差エントロピー誤差&lt;/b&gt;は正解クラスの −log p です。ネットワークが正しく自信があれば 0 に近く、間違えていれば大きくなります。スコアでの勾配は単に p − y なので、予測が間違っているほど学習は強く押します。確率に&lt;b&gt;二乗誤差&lt;/b&gt;を使うと、予測が自信満々に間違っているときに限って押す力が消えてしまいます。だから分類には交差エントロピー誤差を使い、二乗誤差は回帰に使います。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>dog</source>
        <translation>犬</translation>
    </message>
    <message>
        <source>cat</source>
        <translation>猫</translation>
    </message>
    <message>
        <source>bird</source>
        <translation>鳥</translation>
    </message>
    <message>
        <source>p(%1) = e&lt;sup&gt;%2&lt;/sup&gt; / (e&lt;sup&gt;%3&lt;/sup&gt; + e&lt;sup&gt;%4&lt;/sup&gt; + e&lt;sup&gt;%5&lt;/sup&gt;) = &lt;b&gt;%6&lt;/b&gt;&lt;br&gt;Cross-entropy loss = −log %6 = &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;Gradient at the score of %1: cross-entropy %8, squared error %9</source>
        <translation>p(%1) = e&lt;sup&gt;%2&lt;/sup&gt; / (e&lt;sup&gt;%3&lt;/sup&gt; + e&lt;sup&gt;%4&lt;/sup&gt; + e&lt;sup&gt;%5&lt;/sup&gt;) = &lt;b&gt;%6&lt;/b&gt;&lt;br&gt;交差エントロピー誤差 = −log %6 = &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;%1 のスコアでの勾配：交差エントロピー誤差 %8、二乗誤差 %9</translation>
    </message>
    <message>
        <source>Slide the score of %1 (the true class) far to the left: the network is now confidently wrong. Which loss pushes that score up harder there?</source>
        <translation>%1（正解のクラス）のスコアを左端まで動かしてください。ネットワークは自信満々に間違えています。そこでスコアを強く押し上げるのは、どちらの損失ですか。</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交差エントロピー誤差</translation>
    </message>
    <message>
        <source>Squared error</source>
        <translation>二乗誤差</translation>
    </message>
    <message>
        <source>At a score of %1 (p = %2), the gradient is %3 for cross-entropy but only %4 for squared error: squared error has almost nothing left to learn from when the network is confidently wrong.</source>
        <translation>スコア %1（p = %2）での勾配は、交差エントロピー誤差では %3 ですが、二乗誤差ではわずか %4 です。ネットワークが自信満々に間違えていると、二乗誤差からはほとんど何も学べません。</translation>
    </message>
    <message>
        <source>Score of %1:</source>
        <translation>%1 のスコア：</translation>
    </message>
    <message>
        <source>True class:</source>
        <translation>正解のクラス：</translation>
    </message>
    <message>
        <source>How hard each loss pushes the true class&apos;s score</source>
        <translation>各損失が正解クラスのスコアを押す強さ</translation>
    </message>
    <message>
        <source>score of the true class (left: confidently wrong, right: right)</source>
        <translation>正解クラスのスコア（左：自信満々に間違い、右：正解）</translation>
    </message>
    <message>
        <source>|gradient|</source>
        <translation>|勾配|</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交差エントロピー誤差</translation>
    </message>
    <message>
        <source>squared error</source>
        <translation>二乗誤差</translation>
    </message>
</context>
<context>
    <name>StageView</name>
    <message>
        <source>Each stage of the convolutional layer for the selected filter.
Hover over a map to read a value; click a feature-map cell to see how it was computed; click a pooled cell to see its pool window;
click a small map below to select that filter.
Keys: arrows move the selected cell, [ and ] change filter, Esc clears.</source>
        <extracomment>The frame around the stages while they have the keyboard focus. Colour bars: the bar itself and the room for its tick labels (fixed, so a new scale never changes the bar&apos;s width, and so never the layout). The exploration on show, or None. The filters changed after the exploration on show was computed. What the view ranges and titles were last set for (see update_geometry).</extracomment>
        <translation>選んだフィルターについて、畳み込み層の各段階を表示します。
マップにマウスを重ねると値を読めます。特徴マップのセルをクリックすると計算の仕方を、プーリング後のセルをクリックするとその窓を表示します。
下の小さなマップをクリックすると、そのフィルターを選びます。
キー: 矢印で選んだセルを移動、[ と ] でフィルターを切り替え、Esc で選択を解除します。</translation>
    </message>
    <message>
        <source>The cell under the mouse pointer</source>
        <extracomment>Where the pointer last was over the scene (scene coordinates), or None.</extracomment>
        <translation>マウスポインターの下のセル</translation>
    </message>
    <message>
        <source>Why no stages can be computed</source>
        <extracomment>What either label says now, and why the pooled stage is empty (or None).</extracomment>
        <translation>段階を計算できない理由</translation>
    </message>
    <message>
        <source>The filter whose stages are shown; click a small map below to show another</source>
        <extracomment>How long a selection changed with the filters waits for the explorer&apos;s worker to draw it, before it is drawn from the maps on show.</extracomment>
        <translation>各段階を表示しているフィルターです。下の小さなマップをクリックすると別のフィルターを表示します</translation>
    </message>
    <message>
        <source>The next stage is computed from this one</source>
        <translation>次の段階はこの段階から計算されます</translation>
    </message>
    <message>
        <source>Colour scale of the selected filter&apos;s maps: blue negative, white zero, red positive</source>
        <translation>選んだフィルターのマップの色の目盛り: 青は負、白は 0、赤は正</translation>
    </message>
    <message>
        <source>Feature maps of all filters</source>
        <translation>すべてのフィルターの特徴マップ</translation>
    </message>
    <message>
        <source>Colour scale shared by the flattened vector and every filter&apos;s feature map</source>
        <translation>平坦化したベクトルとすべてのフィルターの特徴マップに共通の色の目盛り</translation>
    </message>
    <message>
        <source>Hover over a map to read its values</source>
        <extracomment>Up to this many values, a pooled cell&apos;s sum is written term by term.</extracomment>
        <translation>マップにマウスを重ねると値を読めます</translation>
    </message>
    <message>
        <source>Hover: a value</source>
        <translation>重ねる: 値</translation>
    </message>
    <message>
        <source>Feature maps of all filters (click one to select it)</source>
        <translation>すべてのフィルターの特徴マップ（クリックで選択）</translation>
    </message>
    <message>
        <source>{rows}×{cols}</source>
        <translation>{rows}×{cols}</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>畳み込み</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>No activation</source>
        <translation>活性化関数なし</translation>
    </message>
    <message>
        <source>Max-pooled</source>
        <translation>最大値プーリング</translation>
    </message>
    <message>
        <source>Average-pooled</source>
        <translation>平均値プーリング</translation>
    </message>
    <message>
        <source>Not pooled</source>
        <translation>プーリングなし</translation>
    </message>
    <message>
        <source>{name} {size}</source>
        <translation>{name} {size}</translation>
    </message>
    <message>
        <source>{name}
{size}</source>
        <translation>{name}
{size}</translation>
    </message>
    <message>
        <source>Flattened 1×{n}  (all filters&apos; pooled maps, one after another)</source>
        <translation>平坦化 (Flattening) 1×{n}（すべてのフィルターのプーリング後のマップを順に並べたもの）</translation>
    </message>
    <message>
        <source>Flattened 1×{n}  (all filters&apos; feature maps, one after another)</source>
        <translation>平坦化 (Flattening) 1×{n}（すべてのフィルターの特徴マップを順に並べたもの）</translation>
    </message>
    <message>
        <source>Flattened 1×{n}</source>
        <translation>平坦化 1×{n}</translation>
    </message>
    <message>
        <source>Pooled</source>
        <translation>プーリング後</translation>
    </message>
    <message>
        <source>Flattened</source>
        <translation>平坦化</translation>
    </message>
    <message>
        <source>the ReLU map</source>
        <translation>ReLU のマップ</translation>
    </message>
    <message>
        <source>the feature map</source>
        <translation>特徴マップ</translation>
    </message>
    <message>
        <source>Max-pooled [row {row}, col {col}] = max({terms}) = {value}</source>
        <translation>最大値プーリング [行 {row}, 列 {col}] = max({terms}) = {value}</translation>
    </message>
    <message>
        <source>Max-pooled [row {row}, col {col}] = max({terms}) = {value}: the largest value in rows {top}–{bottom}, cols {left}–{right} of {source}</source>
        <translation>最大値プーリング [行 {row}, 列 {col}] = max({terms}) = {value}: {source}の行 {top}–{bottom}、列 {left}–{right} の中の最大値</translation>
    </message>
    <message>
        <source>Max-pooled [row {row}, col {col}] = {value}, the largest of the {n} values in rows {top}–{bottom}, cols {left}–{right} of {source}</source>
        <translation>最大値プーリング [行 {row}, 列 {col}] = {value}: {source}の行 {top}–{bottom}、列 {left}–{right} にある {n} 個の値の最大値</translation>
    </message>
    <message>
        <source>Average-pooled [row {row}, col {col}] = ({terms}) / {n} = {value}</source>
        <translation>平均値プーリング [行 {row}, 列 {col}] = ({terms}) / {n} = {value}</translation>
    </message>
    <message>
        <source>Average-pooled [row {row}, col {col}] = ({terms}) / {n} = {value}: the mean of rows {top}–{bottom}, cols {left}–{right} of {source}</source>
        <translation>平均値プーリング [行 {row}, 列 {col}] = ({terms}) / {n} = {value}: {source}の行 {top}–{bottom}、列 {left}–{right} の平均</translation>
    </message>
    <message>
        <source>Average-pooled [row {row}, col {col}] = {value}, the mean of the {n} values in rows {top}–{bottom}, cols {left}–{right} of {source}</source>
        <translation>平均値プーリング [行 {row}, 列 {col}] = {value}: {source}の行 {top}–{bottom}、列 {left}–{right} にある {n} 個の値の平均</translation>
    </message>
    <message>
        <source>Could not write {0} ({1}); {2} of {3} images were written, the others were left as they were.</source>
        <translation>{0} を書き込めませんでした（{1}）。{3} 枚のうち {2} 枚は書き込み済みで、残りは元のままです。</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:17px&apos;&gt;&lt;b&gt;These settings leave nothing to compute&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{message}&lt;/p&gt;&lt;p&gt;Try a smaller kernel, stride or pool, more padding, or a larger image.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:17px&apos;&gt;&lt;b&gt;この設定では計算できるものが残りません&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{message}&lt;/p&gt;&lt;p&gt;カーネル、ストライド、プーリングを小さくするか、パディングを増やすか、大きな画像を使ってみてください。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The {kh}×{kw} pool does not fit the {h}×{w} feature maps, so nothing is pooled or flattened. Choose a smaller pool, a smaller stride or more padding, or turn pooling off.</source>
        <translation>{kh}×{kw} のプーリングの窓が {h}×{w} の特徴マップに収まらないので、プーリングも平坦化もできません。窓やストライドを小さくするか、パディングを増やすか、プーリングをなしにしてください。</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>収まりません</translation>
    </message>
    <message>
        <source>Flattened: nothing to flatten</source>
        <translation>平坦化: 平坦化するものがありません</translation>
    </message>
    <message>
        <source>Padding: zeros added around the input</source>
        <translation>パディング: 入力の周りに足した 0</translation>
    </message>
    <message>
        <source>{number}. {name}</source>
        <translation>{number}. {name}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Filter {number} “{name}”&lt;/b&gt; — each stage of the layer for this filter</source>
        <translation>&lt;b&gt;フィルター {number}「{name}」&lt;/b&gt; — このフィルターについての層の各段階</translation>
    </message>
    <message>
        <source>&lt;b&gt;Filter {number} “{name}”&lt;/b&gt;</source>
        <translation>&lt;b&gt;フィルター {number}「{name}」&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Input [row {row}, col {col}] = R {r}, G {g}, B {b}  ({scale})</source>
        <translation>入力 [行 {row}, 列 {col}] = R {r}, G {g}, B {b}（{scale}）</translation>
    </message>
    <message>
        <source>Input [row {row}, col {col}] = {value}  ({scale})</source>
        <translation>入力 [行 {row}, 列 {col}] = {value}（{scale}）</translation>
    </message>
    <message>
        <source>Flattened [position {index}] = {value}  ← filter {filter} “{name}”, pooled row {row}, col {col}</source>
        <translation>平坦化 [位置 {index}] = {value}  ← フィルター {filter}「{name}」、プーリング後の行 {row}、列 {col}</translation>
    </message>
    <message>
        <source>Feature map of filter {filter} “{name}” [row {row}, col {col}] = {value}</source>
        <translation>フィルター {filter}「{name}」の特徴マップ [行 {row}, 列 {col}] = {value}</translation>
    </message>
    <message>
        <source>{stage} [row {row}, col {col}] = {value}</source>
        <translation>{stage} [行 {row}, 列 {col}] = {value}</translation>
    </message>
</context>
<context>
    <name>SwitchOffPanel</name>
    <message>
        <source>Switch units off</source>
        <extracomment>Unit buttons per row, and their size in pixels. A measurement that takes longer than this says &quot;Measuring…&quot; meanwhile.</extracomment>
        <translation>ユニットをオフにする</translation>
    </message>
    <message>
        <source>Press a filter or a unit to switch it off: its weights and bias become 0, so it outputs 0 for every image, and the layers after it must do without it. Press it again to switch it back on. The test accuracy and the confusion matrix are measured again each time.</source>
        <translation>フィルターやユニットのボタンを押すと、それをオフにします。重みとバイアスが 0 になり、どの画像でも 0 を出力するので、後の層はそれなしで計算することになります。もう一度押すとオンに戻ります。そのたびに、テストデータでの正解率と混同行列を測り直します。</translation>
    </message>
    <message>
        <source>Switch all back on</source>
        <translation>すべてオンに戻す</translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s) of {0}</source>
        <translation>
            <numerusform>{0} のフィルター（%n 個）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) of {0}</source>
        <translation>
            <numerusform>{0} のユニット（%n 個）</numerusform>
        </translation>
    </message>
    <message>
        <source>Outlined cells changed when the units were switched off: green where the network now gets more right (or makes that mistake less often), red where it gets fewer right (or makes it more often). Where there is room, a small number gives the change.</source>
        <translation>枠で囲んだマスは、ユニットをオフにして変わったところです。緑は正解が増えた（またはその間違いが減った）マス、赤は正解が減った（またはその間違いが増えた）マスです。マスに余裕があれば、変化した枚数を小さな数字で示します。</translation>
    </message>
    <message>
        <source>Filter {0} of {1}</source>
        <translation>{1} のフィルター {0}</translation>
    </message>
    <message>
        <source>Unit {0} of {1}</source>
        <translation>{1} のユニット {0}</translation>
    </message>
    <message>
        <source>{0}: switched off. Press to switch it back on.</source>
        <translation>{0}: オフです。押すとオンに戻ります。</translation>
    </message>
    <message>
        <source>{0}: on. Press to switch it off.</source>
        <translation>{0}: オンです。押すとオフになります。</translation>
    </message>
    <message>
        <source>Every unit is on.</source>
        <translation>すべてのユニットがオンです。</translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s) of {0} ({1})</source>
        <translation>
            <numerusform>{0} のフィルター %n 個（{1}）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) of {0} ({1})</source>
        <translation>
            <numerusform>{0} のユニット %n 個（{1}）</numerusform>
        </translation>
    </message>
    <message>
        <source>Switched off — {0}.</source>
        <translation>オフ: {0}。</translation>
    </message>
    <message>
        <source>No trained network yet</source>
        <translation>まだ学習したネットワークがありません</translation>
    </message>
    <message>
        <source>Train a network on the Train page (or open a model file) to switch its units off.</source>
        <translation>学習ページでネットワークを学習する（またはモデルファイルを開く）と、そのユニットをオフにできます。</translation>
    </message>
    <message>
        <source>Test accuracy: — (no test images)</source>
        <translation>テストデータでの正解率: —（テスト画像がありません）</translation>
    </message>
    <message>
        <source>{0} The accuracy is measured on the test images the Train page scores the model on; choose a dataset that fits this network there.</source>
        <translation>{0}正解率は、学習ページがモデルを評価するテスト画像で測ります。学習ページで、このネットワークに合うデータセットを選んでください。</translation>
    </message>
    <message>
        <source>Test accuracy: —</source>
        <translation>テストデータでの正解率: —</translation>
    </message>
    <message>
        <source>Test accuracy: measuring…</source>
        <translation>テストデータでの正解率: 測定中…</translation>
    </message>
    <message numerus="yes">
        <source>Measuring on %n test image(s)…</source>
        <translation>
            <numerusform>%n 枚のテスト画像で測定中…</numerusform>
        </translation>
    </message>
    <message>
        <source>Test accuracy {0:.1f} % → {1:.1f} % ({2} points)</source>
        <translation>テストデータでの正解率 {0:.1f} % → {1:.1f} %（{2} ポイント）</translation>
    </message>
    <message>
        <source>Test accuracy {0:.1f} % with every unit on</source>
        <translation>すべてのユニットがオンのとき、テストデータでの正解率 {0:.1f} %</translation>
    </message>
    <message numerus="yes">
        <source>{0} Measured on %n test image(s).</source>
        <translation>
            <numerusform>{0}%n 枚のテスト画像で測りました。</numerusform>
        </translation>
    </message>
    <message>
        <source>The network measured has your edited kernels; “Reset to learned” undoes them.</source>
        <translation>測っているのは、編集したカーネルを入れたネットワークです。「学習した値に戻す」で編集を取り消せます。</translation>
    </message>
    <message>
        <source>test image {0} ({1})</source>
        <translation>テスト画像 {0}（{1}）</translation>
    </message>
</context>
<context>
    <name>SystemErrors</name>
    <message>
        <source>the file was not written completely (is the disk full?)</source>
        <translation>ファイルを最後まで書き込めませんでした（ディスクがいっぱいかもしれません）</translation>
    </message>
    <message>
        <source>there is not enough memory</source>
        <translation>メモリが足りません</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>your disk quota is used up</source>
        <translation>ディスクの使用量の上限に達しています</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>アクセスが許可されていません</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>ディスクが読み取り専用です</translation>
    </message>
    <message>
        <source>there is no such file or folder</source>
        <translation>そのファイルまたはフォルダーはありません</translation>
    </message>
    <message>
        <source>part of the path is a file, not a folder</source>
        <translation>パスの途中がフォルダーではなくファイルです</translation>
    </message>
    <message>
        <source>that is a folder</source>
        <translation>それはフォルダーです</translation>
    </message>
    <message>
        <source>a file of that name is in the way</source>
        <translation>同じ名前のファイルがすでにあります</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名前が長すぎます</translation>
    </message>
    <message>
        <source>the disk could not be read or written (input/output error)</source>
        <translation>ディスクの読み書きに失敗しました（入出力エラー）</translation>
    </message>
</context>
<context>
    <name>TopImagesPanel</name>
    <message>
        <source>What a filter has learned</source>
        <extracomment>How many images are shown, and in how many columns. Screen pixels of the crops (at most) and of the whole images beside them.</extracomment>
        <translation>フィルターが学んだもの</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>層:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>ユニット:</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>フィルター:</translation>
    </message>
    <message>
        <source>Train a network (or open a model file) to see what its filters respond to.</source>
        <translation>ネットワークを学習する（またはモデルファイルを開く）と、そのフィルターが何に反応するかが見られます。</translation>
    </message>
    <message>
        <source>There are no test images to search: the Train page&apos;s dataset does not fit this network.</source>
        <translation>探すテスト画像がありません。学習ページのデータセットがこのネットワークに合いません。</translation>
    </message>
    <message numerus="yes">
        <source>Searching %n test image(s)…</source>
        <translation>
            <numerusform>%n 枚のテスト画像を探しています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n test image(s) on which filter {0} of {1} responds most strongly. Each is cropped to the {2}×{3} pixels that one value of its map sees (its receptive field), around the place of its largest value, which is written under it; beside it, the whole image with that field outlined.</source>
        <translation>
            <numerusform>{1} のフィルター {0} がもっとも強く反応したテスト画像 %n 枚です。それぞれ、特徴マップの 1 つの値が見る {2}×{3} 画素（受容野）を、値が最大になった場所で切り抜いています。下の数字がその最大値です。右は画像全体で、その受容野を枠で囲んでいます。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n test image(s) on which unit {0} of {1} responds most strongly, with its value under each. A unit of a fully connected layer reads every value of the last maps, so its receptive field is the whole {2}×{3} image.</source>
        <translation>
            <numerusform>{1} のユニット {0} がもっとも強く反応したテスト画像 %n 枚と、その値です。全結合層のユニットは最後の特徴マップのすべての値を読むので、受容野は {2}×{3} の画像全体です。</numerusform>
        </translation>
    </message>
    <message>
        <source>It is switched off now: these are the images it responds to when it is on.</source>
        <translation>このフィルターはいまオフです。ここに並ぶのは、オンのときに反応する画像です。</translation>
    </message>
    <message>
        <source>value {0}</source>
        <translation>値 {0}</translation>
    </message>
    <message>
        <source>test image {0} · “{1}”</source>
        <translation>テスト画像 {0}・「{1}」</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>Network</source>
        <extracomment>The topic of the panel&apos;s messages (gui/common/status_line.py). The forms&apos; widgets that the panel passes on as its own attributes.</extracomment>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>How many times the network sees every training image</source>
        <translation>すべての学習画像をネットワークに何回ずつ見せるか（1 巡が 1 エポック）</translation>
    </message>
    <message>
        <source>Images per weight update: smaller batches update more often but noisier</source>
        <translation>重みを 1 回更新するのに使う画像の数（ミニバッチの大きさ）です。小さいほど更新の回数は増えますが、ばらつきも大きくなります</translation>
    </message>
    <message>
        <source>How big a step each update takes. Typical: 0.001–0.01 for Adam, 0.01–0.1 for SGD. Too large and training diverges; too small and it barely moves</source>
        <translation>1 回の更新で重みをどれだけ動かすかです。目安は Adam で 0.001–0.01、SGD で 0.01–0.1。大きすぎると学習が発散し、小さすぎるとほとんど進みません</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>SGD（モーメンタム付き）</translation>
    </message>
    <message>
        <source>Adam adapts the step for every weight; SGD with momentum follows the gradient, smoothed over recent steps</source>
        <translation>Adam は重みごとに更新の幅を調整します。モーメンタム付き SGD は、直近の更新でならした勾配の方向に進みます</translation>
    </message>
    <message>
        <source>SGD only: the share of the previous step kept in the next</source>
        <translation>SGD のみ: 前回の更新のうち、次の更新に引き継ぐ割合</translation>
    </message>
    <message>
        <source>Lower the rate along a cosine</source>
        <translation>学習率をコサインに沿って下げる</translation>
    </message>
    <message>
        <source>Start at the learning rate and lower it epoch by epoch along half a cosine towards 0, which settles the weights at the end of the run</source>
        <translation>設定した学習率から始め、エポックごとに半周期のコサインに沿って 0 に向けて下げます。学習の終わりに重みが落ち着きます</translation>
    </message>
    <message>
        <source>Shift images randomly (±{0} px)</source>
        <translation>画像をランダムにずらす（±{0} px）</translation>
    </message>
    <message>
        <source>Augmentation: every epoch each training image is moved by up to {0} pixels, so the network learns shapes rather than positions</source>
        <translation>データ拡張：エポックごとに各学習画像を最大 {0} 画素ずらします。ネットワークは位置ではなく形を学びます</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>モーメンタム (Momentum)</translation>
    </message>
    <message>
        <source>Stop early, patience</source>
        <translation>早期終了、待つエポック数</translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many epochs, and keep the best weights</source>
        <translation>早期終了 (early stopping): 検証データの損失がこのエポック数のあいだ改善しなければ学習を止め、最も良かった重みを残します</translation>
    </message>
    <message>
        <source>Epochs without a better validation loss before training stops</source>
        <translation>検証データの損失が改善しないまま何エポック続いたら止めるか</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Epochs</source>
        <extracomment>A typical starting learning rate for each optimizer; switching optimizer swaps them only while the rate is still the other one&apos;s typical value (Adam&apos;s is the engine&apos;s default). How far &quot;Shift images randomly&quot; moves them: the engine&apos;s default augmentation. The optimizer choices, in the combo box&apos;s order (the keys TrainingConfig uses).</extracomment>
        <translation>エポック数 (Epochs)</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>バッチサイズ (Batch size)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率 (Learning rate)</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>最適化手法 (Optimizer)</translation>
    </message>
    <message>
        <source>No model yet: train one or open a file.</source>
        <translation>モデルはまだありません。学習するか、ファイルを開いてください。</translation>
    </message>
    <message>
        <source>Current model: {0}×{1} image → {2} class scores, {3:,} parameters.</source>
        <translation>今のモデル: {0}×{1} の画像 → クラスのスコア {2} 個、パラメーター {3:,} 個。</translation>
    </message>
    <message>
        <source>Cannot train: {0}</source>
        <translation>学習できません：{0}</translation>
    </message>
    <message>
        <source>Epoch 1/{0} · starting</source>
        <translation>エポック 1/{0} · 開始しています</translation>
    </message>
    <message>
        <source>the dataset</source>
        <translation>データセット</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <source>Stop the training first: when it ends, its model replaces the current one</source>
        <extracomment>The state&apos;s model came from training here and was never saved to a file.</extracomment>
        <translation>先に学習を停止してください。学習が終わると、そのモデルが今のモデルに代わります</translation>
    </message>
    <message>
        <source>Load a network saved by CNN Lab</source>
        <translation>CNN Lab で保存したネットワークを読み込みます</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>学習開始</translation>
    </message>
    <message>
        <source>Build a fresh network and train it on the dataset</source>
        <translation>新しいネットワークを作り、データセットで学習させます</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current mini-batch. After a full epoch the new network replaces the previous model; stopped sooner, the previous model is kept</source>
        <translation>今のミニバッチが終わったら止めます。1 エポック以上終わっていれば新しいネットワークが前のモデルに代わり、それより早く止めると前のモデルが残ります</translation>
    </message>
    <message>
        <source>Ready to train</source>
        <extracomment>The topics of the page&apos;s messages (gui/common/status_line.py); START and RUN: the run&apos;s, FILE: model and export files. DATASET messages come from the dataset panel.</extracomment>
        <translation>学習の準備ができています</translation>
    </message>
    <message>
        <source>Save the trained network to an .npz file: the final one, whichever epoch the training history shows</source>
        <translation>学習したネットワークを .npz ファイルに保存します。学習の履歴でどのエポックを表示していても、学習を終えた最後のモデルを保存します</translation>
    </message>
    <message>
        <source>Put the network&apos;s first-layer filters (of the epoch the training history shows), stride, padding and pooling into the explorer, where you can edit them and watch the prediction change</source>
        <translation>ネットワークの第 1 層のフィルター（学習の履歴で表示しているエポックのもの）、ストライド、パディング、プーリングを「層を調べる」ページに移します。そこで編集して、予測がどう変わるかを見られます</translation>
    </message>
    <message>
        <source>Epoch, mini-batch and the time left</source>
        <translation>エポック、ミニバッチと残り時間</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>モデルを保存…</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>モデルを開く…</translation>
    </message>
    <message>
        <source>Show learned filters in explorer</source>
        <translation>学習したフィルターを「層を調べる」で見る</translation>
    </message>
    <message>
        <source>History CSV…</source>
        <translation>履歴 CSV…</translation>
    </message>
    <message>
        <source>Export the loss and accuracy of every epoch as a CSV file</source>
        <translation>各エポックの損失と正解率を CSV ファイルに書き出します</translation>
    </message>
    <message>
        <source>Curves PNG…</source>
        <translation>曲線 PNG…</translation>
    </message>
    <message>
        <source>Export the loss and accuracy plots as a PNG picture</source>
        <translation>損失と正解率のグラフを PNG 画像に書き出します</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message numerus="yes">
        <source>The explorer now shows the network&apos;s %n learned filter(s) and its layer settings, in place of the filters shown before.</source>
        <translation>
            <numerusform>「層を調べる」ページに、ネットワークが学習したフィルター %n 個と層の設定を、前のフィルターの代わりに表示しています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The explorer now shows the network&apos;s %n learned filter(s) and its layer settings. Your own filters ({0}) are kept: Filters ▸ Restore my filters brings them back.</source>
        <translation>
            <numerusform>「層を調べる」ページに、ネットワークが学習したフィルター %n 個と層の設定を表示しています。あなたのフィルター（{0} 個）は取ってあり、「フィルター ▸ 自分のフィルターに戻す」で元に戻せます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Train a new network</source>
        <translation>新しいネットワークを学習</translation>
    </message>
    <message>
        <source>Save the current model first?</source>
        <translation>今のモデルを先に保存しますか？</translation>
    </message>
    <message>
        <source>{0} Once the new network has trained a whole epoch, it replaces the current model.</source>
        <translation>{0}新しいネットワークが 1 エポック分を学習し終えると、今のモデルと置き換わります。</translation>
    </message>
    <message>
        <source>Save first…</source>
        <translation>先に保存…</translation>
    </message>
    <message>
        <source>Train without saving</source>
        <translation>保存せずに学習</translation>
    </message>
    <message>
        <source>Train is disabled: {0}</source>
        <translation>学習を開始できません：{0}</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層の一覧</translation>
    </message>
    <message>
        <source>Every layer of the network Train builds: its output shape, weights and biases, with the memory and time training needs</source>
        <translation>学習開始で作られるネットワークの全層：出力の形、重み、バイアスと、学習に必要なメモリと時間</translation>
    </message>
    <message>
        <source>Learning and results</source>
        <translation>学習と結果</translation>
    </message>
    <message>
        <source>The loss and accuracy curves, the first layer&apos;s filters as they learn, the test accuracy and the confusion matrix</source>
        <translation>損失と正解率の曲線、学習中の第 1 層のフィルター、テストの正解率、混同行列</translation>
    </message>
    <message>
        <source>the MNIST digits</source>
        <extracomment>Milliseconds between two repaints of the live views: one every other 60 Hz frame. Seconds between two redraws of the filter grid and of the curves (the progress bar follows every frame). Repainting pyqtgraph views is most of the page&apos;s work in the GUI thread, and the training thread waits for all of it: PySide holds Python&apos;s GIL through Qt&apos;s C++ calls too. Measured with benchmarks/bench_training_gui.py: every view at 30 Hz cost 12-20 % of the training speed; the two plots alone, redrawn at each of the default model&apos;s ~8 epochs a second, about 10 %. The topics of the run&apos;s messages (gui/common/status_line.py): why a run could not start, and how it went.</extracomment>
        <translation>MNIST の数字</translation>
    </message>
    <message>
        <source>the shapes</source>
        <translation>図形</translation>
    </message>
    <message>
        <source>the image folder</source>
        <translation>画像フォルダー</translation>
    </message>
    <message>
        <source>your classes</source>
        <translation>自分のクラス</translation>
    </message>
    <message>
        <source>Training diverged: the loss exploded to {0:.3g}. Try a lower learning rate (e.g. a tenth of {1:g}). The previous model is kept.</source>
        <translation>学習が発散しました。損失が {0:.3g} まで急に大きくなりました。学習率を下げてみてください（たとえば {1:g} の 10 分の 1）。前のモデルはそのまま残ります。</translation>
    </message>
    <message>
        <source>Training diverged: the weights became NaN or infinite. Try a lower learning rate (e.g. a tenth of {0:g}). The previous model is kept.</source>
        <translation>学習が発散しました。重みが NaN か無限大になりました。学習率を下げてみてください（たとえば {0:g} の 10 分の 1）。前のモデルはそのまま残ります。</translation>
    </message>
    <message>
        <source>Training diverged: the loss became NaN or infinite. Try a lower learning rate (e.g. a tenth of {0:g}). The previous model is kept.</source>
        <translation>学習が発散しました。損失が NaN か無限大になりました。学習率を下げてみてください（たとえば {0:g} の 10 分の 1）。前のモデルはそのまま残ります。</translation>
    </message>
    <message>
        <source>Cannot train: the dataset has no training images.</source>
        <translation>学習できません：データセットに学習画像がありません。</translation>
    </message>
    <message>
        <source>Epoch {0}/{1} · batch {2}/{3} · {4}</source>
        <translation>エポック {0}/{1} · バッチ {2}/{3} · {4}</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended; the unfinished network was discarded, and there is no trained model.</source>
        <translation>最初のエポックが終わる前に停止しました。途中のネットワークは破棄したので、学習済みのモデルはありません。</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended; the unfinished network was discarded and the previous model is kept.</source>
        <translation>最初のエポックが終わる前に停止しました。途中のネットワークは破棄し、前のモデルを残しています。</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended</source>
        <translation>最初のエポックの途中で停止</translation>
    </message>
    <message>
        <source>{0} Test accuracy {1:.1f} %.</source>
        <translation>{0}テストデータの正解率は {1:.1f} % です。</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>発散しました</translation>
    </message>
    <message>
        <source>Training failed: {0}. The previous model is kept.</source>
        <translation>学習に失敗しました：{0}。前のモデルはそのまま残ります。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗しました</translation>
    </message>
    <message>
        <source>estimating time</source>
        <extracomment>A change smaller than this share of the colour scale moves no cell to another of the colour map&apos;s 256 entries (one entry spans 2/255 of the scale).</extracomment>
        <translation>残り時間を計算中</translation>
    </message>
    <message>
        <source>{0} s left</source>
        <translation>残り {0} 秒</translation>
    </message>
    <message>
        <source>{0} min {1:02d} s left</source>
        <translation>残り {0} 分 {1:02d} 秒</translation>
    </message>
    <message>
        <source>Learned filters (first layer)</source>
        <extracomment>What the accuracy line says: (&quot;none&quot;,), (&quot;no test&quot;,), (&quot;training&quot;,), (&quot;score&quot;, percent, correct, total), (&quot;previous&quot;, percent, correct, total), (&quot;epoch&quot;, epoch, percent, correct, total), (&quot;epoch pending&quot;, epoch) or (&quot;epoch failed&quot;, epoch).</extracomment>
        <translation>学習したフィルター（第 1 層）</translation>
    </message>
    <message>
        <source>The share of the test images, never used for training, that the network classifies correctly</source>
        <translation>学習に一度も使っていないテスト画像のうち、ネットワークが正しく分類できた割合です</translation>
    </message>
    <message>
        <source>Learning curves</source>
        <translation>学習曲線</translation>
    </message>
    <message>
        <source>Test accuracy before training: {0:.1f} % ({1} of {2} images)</source>
        <translation>学習前のテストの正解率: {0:.1f} %（{2} 枚中 {1} 枚）</translation>
    </message>
    <message>
        <source>Test accuracy after epoch {0}: {1:.1f} % ({2} of {3} images)</source>
        <translation>エポック {0} 後のテストの正解率: {1:.1f} %（{3} 枚中 {2} 枚）</translation>
    </message>
    <message>
        <source>Test accuracy before training: measuring…</source>
        <translation>学習前のテストの正解率: 測定中…</translation>
    </message>
    <message>
        <source>Test accuracy after epoch {0}: measuring…</source>
        <translation>エポック {0} 後のテストの正解率: 測定中…</translation>
    </message>
    <message>
        <source>Test accuracy after epoch {0}: could not be measured</source>
        <translation>エポック {0} 後のテストの正解率: 測定できませんでした</translation>
    </message>
    <message>
        <source>Test accuracy: — (no test images)</source>
        <translation>テストの正解率: —（テスト画像なし）</translation>
    </message>
    <message>
        <source>Test accuracy: {0:.1f} % ({1} of {2} images)</source>
        <translation>テストの正解率: {0:.1f} %（{2} 枚中 {1} 枚）</translation>
    </message>
    <message>
        <source>Test accuracy: — (training…)</source>
        <translation>テストの正解率: —（学習中…）</translation>
    </message>
    <message>
        <source>Previous run&apos;s test accuracy: {0:.1f} % ({1} of {2} images)</source>
        <translation>前回の学習のテストの正解率: {0:.1f} %（{2} 枚中 {1} 枚）</translation>
    </message>
    <message>
        <source>test image {0} ({1})</source>
        <translation>テスト画像 {0}（{1}）</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>モデルを保存</translation>
    </message>
    <message>
        <source>CNN Lab model (*.npz)</source>
        <translation>CNN Lab のモデル (*.npz)</translation>
    </message>
    <message>
        <source>There is no model to save yet: train or open one first.</source>
        <translation>保存するモデルがまだありません。先に学習するか、モデルを開いてください。</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}</source>
        <translation>{0} を保存できませんでした：{1}</translation>
    </message>
    <message>
        <source>Saved the model to {0}.</source>
        <translation>モデルを {0} に保存しました。</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>CNN Lab model (*.npz);;All files (*)</source>
        <translation>CNN Lab のモデル (*.npz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>{0} Test accuracy on {1}: {2:.1f} %.</source>
        <translation>{0}{1}でのテストの正解率は {2:.1f} % です。</translation>
    </message>
    <message>
        <source>A training run is going on ({0} of {1} epochs done). Closing stops it, and what it has learned is lost: to keep it, choose Cancel, then Stop, and save the model.</source>
        <translation>学習の途中です（{1} エポック中 {0} エポック完了）。閉じると学習が止まり、ここまで学習した内容は失われます。残すには「キャンセル」を選び、「停止」してからモデルを保存してください。</translation>
    </message>
    <message>
        <source>Test accuracy: —</source>
        <translation>テストの正解率: —</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>履歴を書き出す</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>There is no training history to export yet.</source>
        <translation>書き出す学習の履歴がまだありません。</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>{0} を書き出せませんでした：{1}</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>曲線を書き出す</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Saved the curves to {0}.</source>
        <translation>曲線を {0} に保存しました。</translation>
    </message>
    <message>
        <source>The trained model has not been saved to a file.</source>
        <translation>学習したモデルがファイルに保存されていません。</translation>
    </message>
    <message>
        <source>The trained model ({0:.1f} % test accuracy) has not been saved to a file.</source>
        <translation>学習したモデル（テストの正解率 {0:.1f} %）がファイルに保存されていません。</translation>
    </message>
    <message>
        <source>Close CNN Lab</source>
        <translation>CNN Lab を終了</translation>
    </message>
    <message>
        <source>Save your work before closing?</source>
        <translation>終了する前に作業内容を保存しますか？</translation>
    </message>
    <message>
        <source>Save asks where to save each of them; Discard closes without them.</source>
        <translation>「保存」を選ぶと、それぞれの保存先を尋ねます。「変更を破棄」を選ぶと、保存せずに終了します。</translation>
    </message>
</context>
<context>
    <name>TrainingRun</name>
    <message numerus="yes">
        <source>Training on {0}: {1:,} training images, %n class(es)…</source>
        <translation>
            <numerusform>{0}で学習しています：学習画像 {1:,} 枚、%n クラス…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s); the new model, with the weights learned so far, replaces the previous one.</source>
        <translation>
            <numerusform>%n エポックで停止しました。ここまでに学習した重みを持つ新しいモデルが、前のモデルに代わります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s)</source>
        <translation>
            <numerusform>%n エポックで停止</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n epoch(s)</source>
        <translation>
            <numerusform>完了: %n エポック</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped early after %n epoch(s): the validation loss had stopped improving (patience {0}); the best weights were kept.</source>
        <translation>
            <numerusform>%n エポックで早期終了しました。検証データの損失が改善しなくなったためです（待つエポック数 {0}）。最も良かった重みを残しています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s) in {0:.1f} s.</source>
        <translation>
            <numerusform>%n エポックの学習が {0:.1f} 秒で終わりました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnitDetail</name>
    <message>
        <source>{0}
{1}</source>
        <translation>{0}
{1}</translation>
    </message>
    <message>
        <source>Click any square of any layer above to see how its value was computed, which units of the layer before feed it, and which part of the image it sees.</source>
        <translation>上のどの層のマスでもクリックすると、その値の計算、値を受け取る前の層のユニット、そして画像のどの部分を見ているかが表示されます。</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>受容野</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1} = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1} = &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A pixel of the input image: nothing computes it. Its value is how dark it is (0 = paper, 1 = ink).</source>
        <translation>入力画像の画素です。計算されるものではありません。値は暗さを表します（0 = 紙、1 = インク）。</translation>
    </message>
    <message>
        <source>ReLU: max({0}, 0) = &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>ReLU: max({0}, 0) = &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Flattening only rearranges the maps into one long list: map after map, row after row. Value {0} is map {1}, row {2}, column {3} of {4}: &lt;b&gt;{5}&lt;/b&gt;.</source>
        <translation>平坦化はマップを 1 本の長い列に並べ直すだけです（マップごと、行ごとに読みます）。{0} 番目の値は {4} のマップ {1}、{2} 行 {3} 列です: &lt;b&gt;{5}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Sees {0}×{1} pixels of the input (outlined). Each window of k cells adds (k − 1) × the step between the cells it reads:</source>
        <translation>入力の {0}×{1} 画素を見ています（枠で囲んだ部分）。k マスの窓を通るたびに、受容野は (k − 1) × 読むマスどうしの間隔 だけ広がります:</translation>
    </message>
    <message>
        <source>{0}×{1} of them lie on the image; the rest is padding.</source>
        <translation>そのうち {0}×{1} が画像の上にあり、残りはパディングです。</translation>
    </message>
    <message>
        <source>A pixel sees only itself.</source>
        <translation>画素が見るのは自分自身だけです。</translation>
    </message>
    <message>
        <source>This unit reads every value of the last maps, so it sees the whole {0}×{1} box they cover.</source>
        <translation>このユニットは最後の特徴マップのすべての値を読むので、それらが覆う {0}×{1} の範囲全体を見ています。</translation>
    </message>
    <message>
        <source>Then {0} makes it max({1}, 0) = {2}.</source>
        <translation>続く {0} で max({1}, 0) = {2} になります。</translation>
    </message>
    <message>
        <source>Filter {0} has one {1}×{2} kernel slice per map of {3} ({4} in all). Each window of the input is multiplied cell by cell (⊙) with its slice and the products are summed:</source>
        <translation>フィルター {0} は {3} のマップごとに {1}×{2} のカーネルを 1 枚ずつ持っています（全部で {4} 枚）。入力の窓をそれぞれのカーネルとマスごとに掛け合わせ（⊙）、積を足し合わせます:</translation>
    </message>
    <message>
        <source>Map {0}</source>
        <translation>マップ {0}</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>× weight</source>
        <translation>× 重み</translation>
    </message>
    <message>
        <source>= contribution</source>
        <translation>= 寄与</translation>
    </message>
    <message>
        <source>class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>確率</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>カーネル</translation>
    </message>
    <message>
        <source>sum {0}</source>
        <translation>合計 {0}</translation>
    </message>
    <message numerus="yes">
        <source>Total of the %n channel sum(s): {0} = {1}; plus the bias {2}: &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation>
            <numerusform>%n チャンネルの合計の和: {0} = {1}。バイアス {2} を足すと &lt;b&gt;{3}&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Max pooling keeps the largest value of a {0}×{1} window of map {2} of {3} (outlined; on a tie, the first in reading order):</source>
        <translation>最大値プーリングは、{3} のマップ {2} の {0}×{1} の窓から最大の値を残します（枠で囲んだマス。同じ値が並ぶときは読む順で最初のもの）:</translation>
    </message>
    <message>
        <source>Average pooling takes the mean of a {0}×{1} window of map {2} of {3}:</source>
        <translation>平均値プーリングは、{3} のマップ {2} の {0}×{1} の窓の平均をとります:</translation>
    </message>
    <message>
        <source>Window value</source>
        <translation>窓の値</translation>
    </message>
    <message>
        <source>max = &lt;b&gt;{0}&lt;/b&gt; (row {1}, column {2} of the map)</source>
        <translation>最大 = &lt;b&gt;{0}&lt;/b&gt;（マップの {1} 行 {2} 列）</translation>
    </message>
    <message>
        <source>({0}) / {1} = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>({0}) / {1} = &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>value {0} (map {1}, row {2}, column {3})</source>
        <translation>{0} 番目の値（マップ {1}、{2} 行 {3} 列）</translation>
    </message>
    <message numerus="yes">
        <source>A fully connected unit multiplies each of the %n value(s) of {0} by its own weight and adds them up. The largest contributions (weight × value), outlined in {0}:</source>
        <translation>
            <numerusform>全結合層のユニットは、{0} の %n 個の値それぞれに自分の重みを掛けて足し合わせます。寄与（重み × 値）の大きいもの（{0} で枠を付けたもの）:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the other %n input(s)</source>
        <translation>
            <numerusform>残りの %n 個の入力</numerusform>
        </translation>
    </message>
    <message>
        <source>sum</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Sum {0} plus the bias {1}: &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>合計 {0} にバイアス {1} を足すと &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The softmax function turns the scores into probabilities: the exponential of each score, divided by the sum of all the exponentials.</source>
        <translation>ソフトマックス関数はスコアを確率に変えます。各スコアの指数関数の値を、すべての指数関数の値の合計で割ります。</translation>
    </message>
    <message>
        <source>e^(score − {0})</source>
        <translation>e^(スコア − {0})</translation>
    </message>
    <message>
        <source>e^score</source>
        <translation>e^スコア</translation>
    </message>
    <message>
        <source>Sum of the exponentials: {0}. Probability of “{1}” = {2} / {0} = &lt;b&gt;{3} %&lt;/b&gt;</source>
        <translation>指数関数の値の合計: {0}。「{1}」の確率 = {2} / {0} = &lt;b&gt;{3} %&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>WhyPanel</name>
    <message>
        <source>Why this answer?</source>
        <extracomment>Screen pixels per image pixel of the three pictures. The patch&apos;s side and step the engine starts from. The value of the patch: grey, halfway between paper (0) and ink (1). The class box&apos;s first entry: follow the network&apos;s answer.</extracomment>
        <translation>なぜこの答え？</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>クラス:</translation>
    </message>
    <message>
        <source>Patch:</source>
        <translation>パッチ:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 画素</translation>
    </message>
    <message>
        <source>The side of the grey square that covers part of the image, in pixels</source>
        <translation>画像の一部を覆う灰色の正方形の一辺（画素数）</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>移動幅:</translation>
    </message>
    <message>
        <source>How many pixels the grey square moves between two tries</source>
        <translation>灰色の正方形を 1 回ごとに何画素ずらすか</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Occlusion map</source>
        <translation>遮蔽マップ</translation>
    </message>
    <message>
        <source>Gradient map</source>
        <translation>勾配マップ</translation>
    </message>
    <message>
        <source>the network&apos;s answer (“{0}”)</source>
        <translation>ネットワークの答え（「{0}」）</translation>
    </message>
    <message>
        <source>the network&apos;s answer</source>
        <translation>ネットワークの答え</translation>
    </message>
    <message>
        <source>“{0}”</source>
        <translation>「{0}」</translation>
    </message>
    <message>
        <source>Train a network (or open a model file) to see which parts of an image its answer rests on.</source>
        <translation>ネットワークを学習する（またはモデルファイルを開く）と、答えが画像のどの部分にもとづくかが見られます。</translation>
    </message>
    <message>
        <source>The image does not fit this network.</source>
        <translation>この画像はこのネットワークに合いません。</translation>
    </message>
    <message>
        <source>The network gives “{0}” a probability of {1} for this image.</source>
        <translation>この画像が「{0}」である確率を、ネットワークは {1} としています。</translation>
    </message>
    <message>
        <source>What the network reads: 0 = paper (white), 1 = ink (black).</source>
        <translation>ネットワークが読む値: 0 = 紙（白）、1 = インク（黒）。</translation>
    </message>
    <message>
        <source>Sliding the grey patch over the image…</source>
        <translation>灰色のパッチを画像の上で動かしています…</translation>
    </message>
    <message>
        <source>Red: covering this part with a grey {0}×{1} patch lowers the probability of “{2}” (the worst patch: from {3} to {4}); blue: covering it raises the probability. White: it makes no difference.</source>
        <translation>赤: この部分を {0}×{1} の灰色のパッチで覆うと「{2}」の確率が下がります（いちばん下がるパッチで {3} から {4} へ）。青: 覆うと確率が上がります。白: 覆っても変わりません。</translation>
    </message>
    <message>
        <source>Red: making this pixel a little darker raises the score of “{0}”; blue: it lowers the score. The deeper the colour, the stronger the pixel&apos;s pull.</source>
        <translation>赤: この画素を少し濃くすると「{0}」のスコアが上がります。青: スコアが下がります。色が濃いほど、その画素の影響が強いことを表します。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Forgot CNN Lab&apos;s settings in {0}.</source>
        <translation>{0} にある CNN Lab の設定を消去しました。</translation>
    </message>
    <message>
        <source>CNN Lab needs a graphical display and none was found (DISPLAY and WAYLAND_DISPLAY are unset): start it from a desktop session, over &quot;ssh -X&quot;, or under &quot;xvfb-run cnn-lab&quot;.</source>
        <translation>CNN Lab を表示する画面が見つかりません（DISPLAY も WAYLAND_DISPLAY も設定されていません）。デスクトップのセッションから、&quot;ssh -X&quot; 経由で、または &quot;xvfb-run cnn-lab&quot; で起動してください。</translation>
    </message>
</context>
</TS>
