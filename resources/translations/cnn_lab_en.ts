<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ClassList</name>
    <message numerus="yes">
        <source>Delete the class “{0}” and its %n example(s)?</source>
        <translation>
            <numerusform>Delete the class “{0}” and its %n example?</numerusform>
            <numerusform>Delete the class “{0}” and its %n examples?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassifyPage</name>
    <message numerus="yes">
        <source>This model reads {0}×{1} images with %n channel(s); the classifier needs one trained on 28×28 grayscale images.</source>
        <translation>
            <numerusform>This model reads {0}×{1} images with %n channel; the classifier needs one trained on 28×28 grayscale images.</numerusform>
            <numerusform>This model reads {0}×{1} images with %n channels; the classifier needs one trained on 28×28 grayscale images.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message numerus="yes">
        <source>True {0}, predicted {1}: %n image(s) (mistakes)</source>
        <translation>
            <numerusform>True {0}, predicted {1}: %n image (mistakes)</numerusform>
            <numerusform>True {0}, predicted {1}: %n images (mistakes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True {0}, predicted {1}: %n image(s)</source>
        <translation>
            <numerusform>True {0}, predicted {1}: %n image</numerusform>
            <numerusform>True {0}, predicted {1}: %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message numerus="yes">
        <source>Layer {0} (Conv2D) expects %n input channel(s) but receives shape {1}.</source>
        <translation>
            <numerusform>Layer {0} (Conv2D) expects %n input channel but receives shape {1}.</numerusform>
            <numerusform>Layer {0} (Conv2D) expects %n input channels but receives shape {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Layer {0} (Dense) expects %n input(s) but receives shape {1}.</source>
        <translation>
            <numerusform>Layer {0} (Dense) expects %n input but receives shape {1}.</numerusform>
            <numerusform>Layer {0} (Dense) expects %n inputs but receives shape {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The convolution kernel spans %n cell(s), more than its input of {0}: no output is left.</source>
        <translation>
            <numerusform>The convolution kernel spans %n cell, more than its input of {0}: no output is left.</numerusform>
            <numerusform>The convolution kernel spans %n cells, more than its input of {0}: no output is left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The pool window spans %n cell(s), more than its input of {0}: no output is left.</source>
        <translation>
            <numerusform>The pool window spans %n cell, more than its input of {0}: no output is left.</numerusform>
            <numerusform>The pool window spans %n cells, more than its input of {0}: no output is left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Class names are limited to %n character(s).</source>
        <translation>
            <numerusform>Class names are limited to %n character.</numerusform>
            <numerusform>Class names are limited to %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add at least 2 classes, each with at least 2 examples (you have %n class(es)).</source>
        <translation>
            <numerusform>Add at least 2 classes, each with at least 2 examples (you have %n class).</numerusform>
            <numerusform>Add at least 2 classes, each with at least 2 examples (you have %n classes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n more example(s) to “{0}”: every class needs at least 2 (one to train on, one to test with).</source>
        <translation>
            <numerusform>Add %n more example to “{0}”: every class needs at least 2 (one to train on, one to test with).</numerusform>
            <numerusform>Add %n more examples to “{0}”: every class needs at least 2 (one to train on, one to test with).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A filter&apos;s name must be at most %n character(s) long.</source>
        <translation>
            <numerusform>A filter&apos;s name must be at most %n character long.</numerusform>
            <numerusform>A filter&apos;s name must be at most %n characters long.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A layer holds at most %n filter(s).</source>
        <translation>
            <numerusform>A layer holds at most %n filter.</numerusform>
            <numerusform>A layer holds at most %n filters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The augmentation shift must be between 0 and %n pixel(s).</source>
        <translation>
            <numerusform>The augmentation shift must be between 0 and %n pixel.</numerusform>
            <numerusform>The augmentation shift must be between 0 and %n pixels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The class “{0}” has %n image(s); every class needs at least 2 (one to train on, one to test with).</source>
        <translation>
            <numerusform>The class “{0}” has %n image; every class needs at least 2 (one to train on, one to test with).</numerusform>
            <numerusform>The class “{0}” has %n images; every class needs at least 2 (one to train on, one to test with).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The convolution kernel spans %n cell(s), more than its input of {0} padded by {1} on each side to {2}: no output is left.</source>
        <translation>
            <numerusform>The convolution kernel spans %n cell, more than its input of {0} padded by {1} on each side to {2}: no output is left.</numerusform>
            <numerusform>The convolution kernel spans %n cells, more than its input of {0} padded by {1} on each side to {2}: no output is left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The pool window spans %n cell(s), more than its input of {0} padded by {1} on each side to {2}: no output is left.</source>
        <translation>
            <numerusform>The pool window spans %n cell, more than its input of {0} padded by {1} on each side to {2}: no output is left.</numerusform>
            <numerusform>The pool window spans %n cells, more than its input of {0} padded by {1} on each side to {2}: no output is left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExampleEditor</name>
    <message numerus="yes">
        <source>Imported {0} of %n picture(s) into “{1}”. Not imported: {2}</source>
        <translation>
            <numerusform>Imported {0} of %n picture into “{1}”. Not imported: {2}</numerusform>
            <numerusform>Imported {0} of %n pictures into “{1}”. Not imported: {2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n picture(s) into “{0}”.</source>
        <translation>
            <numerusform>Imported %n picture into “{0}”.</numerusform>
            <numerusform>Imported %n pictures into “{0}”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message numerus="yes">
        <source>All %n product(s) are 0, so the sum = 0</source>
        <translation>
            <numerusform>The %n product is 0, so the sum = 0</numerusform>
            <numerusform>All %n products are 0, so the sum = 0</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The sum of the %n product(s) = {total}</source>
        <translation>
            <numerusform>The sum of the %n product = {total}</numerusform>
            <numerusform>The sum of the %n products = {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the {count} products are not 0: {terms} = {total}</source>
        <translation>
            <numerusform>%n of the {count} products is not 0: {terms} = {total}</numerusform>
            <numerusform>%n of the {count} products are not 0: {terms} = {total}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message numerus="yes">
        <source>%n file(s) in the folder could not be read and were left out; the first: {0}</source>
        <translation>
            <numerusform>%n file in the folder could not be read and was left out: {0}</numerusform>
            <numerusform>%n files in the folder could not be read and were left out; the first: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistorySlider</name>
    <message numerus="yes">
        <source>The network&apos;s weights are kept at %n point(s) of the run ({0:.1f} MB in all).</source>
        <translation>
            <numerusform>The network&apos;s weights are kept at %n point of the run ({0:.1f} MB in all).</numerusform>
            <numerusform>The network&apos;s weights are kept at %n points of the run ({0:.1f} MB in all).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LearnedFiltersView</name>
    <message numerus="yes">
        <source>%n filter(s) {0}×{1} · colour scale ±{2:.3g}</source>
        <translation>
            <numerusform>%n filter {0}×{1} · colour scale ±{2:.3g}</numerusform>
            <numerusform>%n filters {0}×{1} · colour scale ±{2:.3g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MenuCommands</name>
    <message numerus="yes">
        <source>Saved %n filter(s) to {0}</source>
        <translation>
            <numerusform>Saved %n filter to {0}</numerusform>
            <numerusform>Saved %n filters to {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n filter(s) from {0}</source>
        <translation>
            <numerusform>Loaded %n filter from {0}</numerusform>
            <numerusform>Loaded %n filters from {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n image(s) to {0}</source>
        <translation>
            <numerusform>Wrote %n image to {0}</numerusform>
            <numerusform>Wrote %n images to {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored the {0} default filters. Filters ▸ Restore my filters brings back the %n shown before.</source>
        <translation>
            <numerusform>Restored the {0} default filters. Filters ▸ Restore my filters brings back the %n shown before.</numerusform>
            <numerusform>Restored the {0} default filters. Filters ▸ Restore my filters brings back the %n shown before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your %n filter(s) and layer settings are back.</source>
        <translation>
            <numerusform>Your %n filter and layer settings are back.</numerusform>
            <numerusform>Your %n filters and layer settings are back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message numerus="yes">
        <source>Opened {0}: %n class(es) ({1}).</source>
        <translation>
            <numerusform>Opened {0}: %n class ({1}).</numerusform>
            <numerusform>Opened {0}: %n classes ({1}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n epoch(s) to {0}.</source>
        <translation>
            <numerusform>Wrote %n epoch to {0}.</numerusform>
            <numerusform>Wrote %n epochs to {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your classes (%n example(s)) are not saved, and could not be kept for the next start.</source>
        <translation>
            <numerusform>Your classes (%n example) are not saved, and could not be kept for the next start.</numerusform>
            <numerusform>Your classes (%n examples) are not saved, and could not be kept for the next start.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyClassesPage</name>
    <message numerus="yes">
        <source>Saved %n example(s) to “{0}” (classes: {1}).</source>
        <translation>
            <numerusform>Saved %n example to “{0}” (classes: {1}).</numerusform>
            <numerusform>Saved %n examples to “{0}” (classes: {1}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n example(s) (classes: {0}).</source>
        <translation>
            <numerusform>Loaded %n example (classes: {0}).</numerusform>
            <numerusform>Loaded %n examples (classes: {0}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the first: {0}</source>
        <translation>
            <numerusform>%n file could not be read: {0}</numerusform>
            <numerusform>%n files could not be read; the first: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message numerus="yes">
        <source>This network reads {0}×{1} images with %n channel(s); the chosen image does not fit it. Pick the other image above.</source>
        <translation>
            <numerusform>This network reads {0}×{1} images with %n channel; the chosen image does not fit it. Pick the other image above.</numerusform>
            <numerusform>This network reads {0}×{1} images with %n channels; the chosen image does not fit it. Pick the other image above.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message numerus="yes">
        <source>%n map(s) of {0}×{1}</source>
        <translation>
            <numerusform>%n map of {0}×{1}</numerusform>
            <numerusform>%n maps of {0}×{1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SwitchOffPanel</name>
    <message numerus="yes">
        <source>%n filter(s) of {0}</source>
        <translation>
            <numerusform>%n filter of {0}</numerusform>
            <numerusform>%n filters of {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) of {0}</source>
        <translation>
            <numerusform>%n unit of {0}</numerusform>
            <numerusform>%n units of {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s) of {0} ({1})</source>
        <translation>
            <numerusform>%n filter of {0} ({1})</numerusform>
            <numerusform>%n filters of {0} ({1})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) of {0} ({1})</source>
        <translation>
            <numerusform>%n unit of {0} ({1})</numerusform>
            <numerusform>%n units of {0} ({1})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Measuring on %n test image(s)…</source>
        <translation>
            <numerusform>Measuring on %n test image…</numerusform>
            <numerusform>Measuring on %n test images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} Measured on %n test image(s).</source>
        <translation>
            <numerusform>{0} Measured on %n test image.</numerusform>
            <numerusform>{0} Measured on %n test images.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopImagesPanel</name>
    <message numerus="yes">
        <source>Searching %n test image(s)…</source>
        <translation>
            <numerusform>Searching %n test image…</numerusform>
            <numerusform>Searching %n test images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n test image(s) on which filter {0} of {1} responds most strongly. Each is cropped to the {2}×{3} pixels that one value of its map sees (its receptive field), around the place of its largest value, which is written under it; beside it, the whole image with that field outlined.</source>
        <translation>
            <numerusform>The test image on which filter {0} of {1} responds most strongly. It is cropped to the {2}×{3} pixels that one value of its map sees (its receptive field), around the place of its largest value, which is written under it; beside it, the whole image with that field outlined.</numerusform>
            <numerusform>The %n test images on which filter {0} of {1} responds most strongly. Each is cropped to the {2}×{3} pixels that one value of its map sees (its receptive field), around the place of its largest value, which is written under it; beside it, the whole image with that field outlined.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n test image(s) on which unit {0} of {1} responds most strongly, with its value under each. A unit of a fully connected layer reads every value of the last maps, so its receptive field is the whole {2}×{3} image.</source>
        <translation>
            <numerusform>The test image on which unit {0} of {1} responds most strongly, with its value under it. A unit of a fully connected layer reads every value of the last maps, so its receptive field is the whole {2}×{3} image.</numerusform>
            <numerusform>The %n test images on which unit {0} of {1} responds most strongly, with its value under each. A unit of a fully connected layer reads every value of the last maps, so its receptive field is the whole {2}×{3} image.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message numerus="yes">
        <source>The explorer now shows the network&apos;s %n learned filter(s) and its layer settings, in place of the filters shown before.</source>
        <translation>
            <numerusform>The explorer now shows the network&apos;s %n learned filter and its layer settings, in place of the filters shown before.</numerusform>
            <numerusform>The explorer now shows the network&apos;s %n learned filters and its layer settings, in place of the filters shown before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The explorer now shows the network&apos;s %n learned filter(s) and its layer settings. Your own filters ({0}) are kept: Filters ▸ Restore my filters brings them back.</source>
        <translation>
            <numerusform>The explorer now shows the network&apos;s %n learned filter and its layer settings. Your own filters ({0}) are kept: Filters ▸ Restore my filters brings them back.</numerusform>
            <numerusform>The explorer now shows the network&apos;s %n learned filters and its layer settings. Your own filters ({0}) are kept: Filters ▸ Restore my filters brings them back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingRun</name>
    <message numerus="yes">
        <source>Training on {0}: {1:,} training images, %n class(es)…</source>
        <translation>
            <numerusform>Training on {0}: {1:,} training images, %n class…</numerusform>
            <numerusform>Training on {0}: {1:,} training images, %n classes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s); the new model, with the weights learned so far, replaces the previous one.</source>
        <translation>
            <numerusform>Stopped after %n epoch; the new model, with the weights learned so far, replaces the previous one.</numerusform>
            <numerusform>Stopped after %n epochs; the new model, with the weights learned so far, replaces the previous one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s)</source>
        <translation>
            <numerusform>Stopped after %n epoch</numerusform>
            <numerusform>Stopped after %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n epoch(s)</source>
        <translation>
            <numerusform>Done: %n epoch</numerusform>
            <numerusform>Done: %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped early after %n epoch(s): the validation loss had stopped improving (patience {0}); the best weights were kept.</source>
        <translation>
            <numerusform>Stopped early after %n epoch: the validation loss had stopped improving (patience {0}); the best weights were kept.</numerusform>
            <numerusform>Stopped early after %n epochs: the validation loss had stopped improving (patience {0}); the best weights were kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s) in {0:.1f} s.</source>
        <translation>
            <numerusform>Trained %n epoch in {0:.1f} s.</numerusform>
            <numerusform>Trained %n epochs in {0:.1f} s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnitDetail</name>
    <message numerus="yes">
        <source>Total of the %n channel sum(s): {0} = {1}; plus the bias {2}: &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation>
            <numerusform>The channel&apos;s sum: {0} = {1}; plus the bias {2}: &lt;b&gt;{3}&lt;/b&gt;</numerusform>
            <numerusform>Total of the %n channel sums: {0} = {1}; plus the bias {2}: &lt;b&gt;{3}&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A fully connected unit multiplies each of the %n value(s) of {0} by its own weight and adds them up. The largest contributions (weight × value), outlined in {0}:</source>
        <translation>
            <numerusform>A fully connected unit multiplies the %n value of {0} by its own weight. Its contribution (weight × value), outlined in {0}:</numerusform>
            <numerusform>A fully connected unit multiplies each of the %n values of {0} by its own weight and adds them up. The largest contributions (weight × value), outlined in {0}:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the other %n input(s)</source>
        <translation>
            <numerusform>the other %n input</numerusform>
            <numerusform>the other %n inputs</numerusform>
        </translation>
    </message>
</context>
</TS>
