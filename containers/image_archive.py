#!/usr/bin/env python3
"""Writes the stage images as one `docker load` archive to standard output.

Every image is a list of layer tars (made deterministic by containers/build.sh) and a config whose
bytes depend only on those layers, the labels and SOURCE_DATE_EPOCH: an image id is the SHA-256 of
its config, so the same layers and commit give the same image ids on any machine, whatever the
engine's build cache holds. Layers shared by images are stored once in the archive and once by the
engine.

usage: image_archive.py --epoch SECONDS --tag TAG --label KEY=VALUE ... \
           --layer NAME=TAR ... --image STAGE=LAYER,LAYER[,...] ... > images.tar
"""
import argparse
import datetime
import hashlib
import io
import json
import sys
import tarfile

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pairs(values):
    out = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep:
            sys.exit(f"image_archive.py: expected KEY=VALUE, got {value}")
        out[key] = rest
    return out


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epoch", type=int, required=True)
    parser.add_argument("--tag", required=True)
    parser.add_argument("--label", action="append", default=[])
    parser.add_argument("--layer", action="append", default=[])
    parser.add_argument("--image", action="append", default=[])
    parser.add_argument("--env", action="append", default=[], help="STAGE=NAME=VALUE: an environment variable of one image")
    args = parser.parse_args()
    created = datetime.datetime.fromtimestamp(args.epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    layers = pairs(args.layer)
    diff_ids = {name: "sha256:" + sha256_of(path) for name, path in layers.items()}
    labels = pairs(args.label)
    extra_env = {}
    for value in args.env:
        stage, _, assignment = value.partition("=")
        extra_env.setdefault(stage, []).append(assignment)

    manifest = []
    with tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.PAX_FORMAT) as archive:
        for name, path in layers.items():
            archive.add(path, arcname=diff_ids[name][len("sha256:"):] + "/layer.tar")
        for stage, layer_list in pairs(args.image).items():
            names = layer_list.split(",")
            config = {
                "architecture": "amd64",
                "os": "linux",
                "created": created,
                "config": {
                    "Env": ["PATH=" + PATH, "LANG=C.UTF-8"] + extra_env.get(stage, []),
                    "WorkingDir": "/tmp",
                    "Labels": dict(labels, **{"dev.bgan.stage": stage}),
                },
                "rootfs": {"type": "layers", "diff_ids": [diff_ids[n] for n in names]},
                "history": [{"created": created, "created_by": "containers/build.sh: layer " + n} for n in names],
            }
            data = json.dumps(config, sort_keys=True, separators=(",", ":")).encode()
            config_name = hashlib.sha256(data).hexdigest() + ".json"
            add_bytes(archive, config_name, data)
            manifest.append({"Config": config_name, "RepoTags": [f"bgan-{stage}:{args.tag}"],
                             "Layers": [diff_ids[n][len("sha256:"):] + "/layer.tar" for n in names]})
            print(f"bgan-{stage}:{args.tag} sha256:{config_name[:-5]}", file=sys.stderr)
        add_bytes(archive, "manifest.json", json.dumps(manifest, sort_keys=True).encode())


if __name__ == "__main__":
    main()
