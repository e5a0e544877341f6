"""``engine.units``: every unit's value, receptive field, feeding units and arithmetic,
checked against the model's own forward pass and brute force (one input pixel or one
feeding unit perturbed at a time)."""

import numpy as np
import pytest

from engine import ops, units
from engine.layers import AvgPool2D, Conv2D, Dense, Flatten, MaxPool2D, ReLU
from engine.model import Sequential, build_cnn


def _two_block_model():
    return build_cnn(filters=(4, 6), hidden=12, seed=3)


def _strided_linear_model():
    """No ReLU and average pools only: every pixel in a unit's field changes it."""
    rng = np.random.default_rng(5)
    layers = [Conv2D(1, 3, 3, stride=2, padding=1, rng=rng), AvgPool2D(2),
              Conv2D(3, 4, (3, 2), padding=(0, 1), rng=rng), AvgPool2D(2, stride=1),
              Flatten()]
    layers.append(Dense(int(np.prod(Sequential(layers, (1, 17, 15)).output_shape())), 5,
                        rng=rng))
    for layer in layers:  # biases too, so no unit is a plain sum of zeros
        if layer.params:
            layer.params["bias"] = rng.standard_normal(layer.params["bias"].shape).astype(
                np.float32)
    return Sequential(layers, input_shape=(1, 17, 15))


def _dilated_linear_model():
    """A dilated convolution then a strided one, no ReLU: the field spreads by the
    dilation and every pixel in it counts."""
    rng = np.random.default_rng(8)
    layers = [Conv2D(1, 2, 3, dilation=2, rng=rng), AvgPool2D(2, stride=1),
              Conv2D(2, 3, 2, stride=2, padding=1, dilation=(1, 2), rng=rng), Flatten()]
    layers.append(Dense(int(np.prod(Sequential(layers, (1, 16, 15)).output_shape())), 4,
                        rng=rng))
    return Sequential(layers, input_shape=(1, 16, 15))


def _image(model, seed=0):
    return np.random.default_rng(seed).random(model.input_shape).astype(np.float32)


def _units_of(shape, count, seed=0):
    rng = np.random.default_rng(seed)
    return [tuple(int(rng.integers(n)) for n in shape) for _ in range(count)]


def test_forward_all_matches_the_models_own_forward_and_softmax():
    model = _two_block_model()
    image = _image(model)
    acts = units.forward_all(model, image)
    assert len(acts.values) == len(model.layers) + 2
    np.testing.assert_allclose(acts.scores, model.forward(image[None])[0], rtol=1e-5,
                               atol=1e-6)
    np.testing.assert_allclose(acts.probabilities, model.predict_proba(image[None])[0],
                               rtol=1e-5, atol=1e-7)
    for pos in units.positions(model):
        assert acts.at(pos.layer).shape == pos.shape


def test_forward_all_from_an_edited_layer_keeps_the_layers_before_and_equals_a_full_pass():
    model = _two_block_model()
    image = _image(model, seed=3)
    before = units.forward_all(model, image)
    second = next(i for i, layer in enumerate(model.layers)
                  if isinstance(layer, Conv2D) and i > 0)
    weight = model.layers[second].params["weight"].copy()
    weight[1, 0, 1, 2] += 0.75
    edited = model.with_parameters({second: {"weight": weight}})
    resumed = units.forward_all(edited, image, kept=before, start=second)
    full = units.forward_all(edited, image)  # the independent computation: every layer
    assert len(resumed.values) == len(full.values)
    for index, (got, want) in enumerate(zip(resumed.values, full.values, strict=True)):
        np.testing.assert_array_equal(got, want, err_msg=f"value {index}")
    for index in range(second + 1):  # the input and the layers before: not recomputed
        assert resumed.values[index] is before.values[index]
    assert not np.array_equal(resumed.scores, before.scores)


def test_forward_all_from_a_later_layer_needs_matching_kept_outputs():
    model = _two_block_model()
    image = _image(model)
    with pytest.raises(ValueError):
        model.activations(image, start=2)  # nothing kept
    kept = model.activations(image)
    with pytest.raises(ValueError):
        model.activations(image, kept=kept[:-1], start=2)
    batch = np.stack([image, image * 0.5])
    kept_batch = model.activations(batch)
    again = model.activations(batch, batch_size=1, kept=kept_batch, start=2)
    for got, want in zip(again, kept_batch, strict=True):  # BLAS may sum in another order
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_positions_name_each_column_of_a_two_block_model():
    model = _two_block_model()
    roles = [(p.role, p.block) for p in units.positions(model)]
    assert roles == [("input", 0), ("conv", 1), ("activation", 1), ("pool", 1),
                     ("conv", 2), ("activation", 2), ("pool", 2), ("flatten", 0),
                     ("hidden", 1), ("activation", 1), ("output", 0), ("softmax", 0)]


def _unit_value(model, image, layer, unit):
    return units.forward_all(model, image).value(layer, unit)


@pytest.mark.parametrize("make", [_two_block_model, _strided_linear_model,
                                  _dilated_linear_model])
def test_pixels_outside_the_receptive_field_never_change_the_unit(make):
    model = make()
    image = _image(model)
    h, w = model.input_shape[1:]
    # One batch: the image itself, then one copy per pixel with that pixel raised by 5.
    batch = np.repeat(image[None], 1 + h * w, axis=0)
    rows, cols = np.divmod(np.arange(h * w), w)
    batch[1 + np.arange(h * w), 0, rows, cols] += 5.0
    outputs = model.activations(batch)
    for pos in units.positions(model)[1:-1]:
        if len(pos.shape) != 3:
            continue
        for unit in _units_of(pos.shape, 2, seed=pos.layer + 7):
            outside = ~units.receptive_field(model, pos.layer, unit).mask().ravel()
            assert outside.any(), (pos, unit)
            values = outputs[pos.layer + 1][(slice(None), *unit)]  # [0] is the input
            np.testing.assert_allclose(values[1:][outside], values[0], rtol=1e-6,
                                       atol=1e-6, err_msg=f"{pos} {unit}")


@pytest.mark.parametrize("make", [_strided_linear_model, _dilated_linear_model])
def test_every_pixel_inside_the_field_of_a_linear_model_changes_the_unit(make):
    model = make()
    image = _image(model)
    for pos in units.positions(model)[1:]:
        shape = pos.shape
        picked = _units_of(shape, 2, seed=pos.layer) if len(shape) == 3 else [(0,), (2,)]
        for unit in picked:
            field = units.receptive_field(model, pos.layer, unit)
            base = _unit_value(model, image, pos.layer, unit)
            touched = np.zeros(field.image_shape, dtype=bool)
            for r, c in zip(*np.nonzero(np.ones(field.image_shape)), strict=True):
                changed = image.copy()
                changed[0, r, c] += 1.0
                touched[r, c] = not np.isclose(_unit_value(model, changed, pos.layer, unit),
                                               base, rtol=1e-6, atol=0.0)
            inside = field.mask()
            assert not (touched & ~inside).any(), f"{pos} {unit}"
            # Away from the padding the box is tight: pixels on each of its four edges
            # count. Without dilation every pixel in it counts; a dilated kernel skips
            # some (and next to the padding it may skip an edge).
            rows, cols = np.nonzero(touched)
            if field.clipped_size == field.size:
                assert (rows.min(), cols.min(), rows.max(), cols.max()) == field.clipped
            if make is _strided_linear_model:
                np.testing.assert_array_equal(touched, inside, err_msg=f"{pos} {unit}")


def test_an_interior_units_box_has_the_formula_size_growing_layer_by_layer():
    model = _two_block_model()
    sizes = {s.layer: s.size for s in units.field_sizes(model)}
    # conv 3x3 -> 3; pool 2 -> 3 + 1*1 = 4 (jump 2); conv 3x3 -> 4 + 2*2 = 8; pool 2 ->
    # 8 + 1*2 = 10 (jump 4): the textbook recursion written out.
    assert [sizes[i] for i in (-1, 0, 1, 2, 3, 4, 5)] == [
        (1, 1), (3, 3), (3, 3), (4, 4), (8, 8), (8, 8), (10, 10)]
    for pos in units.positions(model)[1:7]:
        _, h, w = pos.shape
        field = units.receptive_field(model, pos.layer, (0, h // 2, w // 2))
        assert field.size == sizes[pos.layer]
        assert field.clipped_size == field.size  # an interior unit sees no padding


def test_dilation_widens_the_field_by_the_formula():
    model = _dilated_linear_model()
    sizes = {s.layer: s.size for s in units.field_sizes(model)}
    # 3x3 dilated by 2 -> 1 + 2*2 = 5; pool 2 stride 1 -> 6; 2x2 dilated (1, 2) with
    # jump 1 -> (6 + 1, 6 + 2).
    assert sizes == {-1: (1, 1), 0: (5, 5), 1: (6, 6), 2: (7, 8)}
    field = units.receptive_field(model, 2, (0, 3, 3))
    assert field.size == (7, 8)


def test_padding_puts_part_of_a_corner_units_field_outside_the_image():
    model = _strided_linear_model()
    field = units.receptive_field(model, 0, (0, 0, 0))
    assert (field.top, field.left) == (-1, -1) and field.size == (3, 3)
    assert field.clipped == (0, 0, 1, 1)


def _layer_output(model, layer, before):
    return model.layers[layer].forward(before[None])[0]


@pytest.mark.parametrize("make", [_two_block_model, _strided_linear_model,
                                  _dilated_linear_model])
def test_feeding_units_are_exactly_the_units_whose_change_changes_the_unit(make):
    model = make()
    acts = units.forward_all(model, _image(model))
    for pos in units.positions(model)[1:]:
        before = acts.at(pos.layer - 1)
        for unit in _units_of(pos.shape, 2, seed=pos.layer + 1):
            mask = units.feeding_units(model, pos.layer, unit)
            assert mask.shape == before.shape
            touched = np.zeros(before.shape, dtype=bool)
            for index in np.ndindex(before.shape):
                changed = before.copy()
                changed[index] += 10.0
                if pos.role == "softmax":
                    out = ops.softmax(changed[None])[0]
                    base = acts.at(pos.layer)
                else:
                    out = _layer_output(model, pos.layer, changed)
                    base = _layer_output(model, pos.layer, before)
                touched[index] = out[unit] != base[unit]
            np.testing.assert_array_equal(touched, mask, err_msg=f"{pos} {unit}")


def test_every_units_arithmetic_adds_up_to_its_value_in_the_forward_pass():
    model = _two_block_model()
    acts = units.forward_all(model, _image(model, seed=4))
    for pos in units.positions(model):
        for unit in _units_of(pos.shape, 3, seed=pos.layer + 11):
            value = acts.value(pos.layer, unit)
            info = units.explain_unit(model, acts, pos.layer, unit)
            assert info.value == pytest.approx(value)
            if isinstance(info, units.ConvUnit):
                cell = info.cell
                assert cell.channel_sums.shape == (acts.at(pos.layer - 1).shape[0],)
                assert cell.total + cell.bias == pytest.approx(value, rel=1e-5, abs=1e-5)
                np.testing.assert_allclose(cell.products, cell.window * cell.weights)
            elif isinstance(info, units.ActivationUnit):
                assert info.value == max(info.input_value, 0.0)
                if units.positions(model)[pos.layer].role == "conv":
                    assert info.conv is not None  # a convolution's ReLU shows its sum
                    assert info.conv.cell.pre_activation == pytest.approx(
                        info.input_value, rel=1e-5, abs=1e-5)
                else:
                    assert info.conv is None
            elif isinstance(info, units.PoolUnit):
                window = acts.at(pos.layer - 1)[unit[0]][
                    unit[1] * 2:unit[1] * 2 + 2, unit[2] * 2:unit[2] * 2 + 2]
                np.testing.assert_array_equal(info.cell.window, window)
                assert info.cell.value == value == window.max()
                flat = int(np.argmax(window))
                assert info.cell.winner_offset == (flat // 2, flat % 2)
            elif isinstance(info, units.FlattenUnit):
                assert acts.at(pos.layer - 1)[info.source] == value
            elif isinstance(info, units.DenseUnit):
                assert info.total + info.bias == pytest.approx(value, rel=1e-5, abs=1e-5)
                top = info.top(5)
                assert np.all(np.abs(info.contributions[top[:-1]])
                              >= np.abs(info.contributions[top[1:]]))
                assert info.contributions[top].sum() + info.rest(5) == pytest.approx(
                    info.total)
            elif isinstance(info, units.SoftmaxUnit):
                expected = np.exp(acts.scores.astype(np.float64))
                np.testing.assert_allclose(info.exponentials, expected)
                assert info.exponentials[unit[0]] / info.total == pytest.approx(value,
                                                                                rel=1e-5)
            else:
                assert isinstance(info, units.InputUnit)


def test_average_pool_arithmetic_is_the_windows_mean():
    model = _strided_linear_model()
    acts = units.forward_all(model, _image(model))
    info = units.explain_unit(model, acts, 1, (2, 1, 1))
    assert info.cell.pool == "avg" and info.cell.winner is None
    assert info.value == pytest.approx(info.cell.window.mean(), rel=1e-6)


def test_softmax_of_huge_scores_shifts_by_the_largest_and_keeps_the_division():
    model = Sequential([Flatten(), Dense(4, 3, rng=0)], input_shape=(1, 2, 2))
    model.layers[1].params["bias"] = np.array([500.0, 499.0, 0.0], np.float32)
    acts = units.forward_all(model, np.zeros((1, 2, 2), np.float32))
    info = units.explain_unit(model, acts, 2, (0,))
    assert info.shift == 500.0 and np.isfinite(info.exponentials).all()
    assert info.value == pytest.approx(1 / (1 + np.exp(-1.0)), rel=1e-5)


def test_max_pool_winner_is_the_first_maximum_on_a_flat_map():
    model = Sequential([MaxPool2D(2), ReLU(), Flatten(), Dense(4, 2, rng=0)],
                       input_shape=(1, 4, 4))
    acts = units.forward_all(model, np.ones((1, 4, 4), np.float32))
    info = units.explain_unit(model, acts, 0, (0, 1, 1))
    assert info.cell.winner == (2, 2)
    relu = units.explain_unit(model, acts, 1, (0, 1, 1))
    assert relu.conv is None and relu.value == 1.0
