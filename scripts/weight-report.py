#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Prints a markdown table of every benchmarked call and hook of the custom pallets: ref_time at
the worst case (each component at the top of its benchmarked range), including the database
weights (ParityDB's read and write as measured here), as a multiple of pallet_balances'
transfer_keep_alive and as a share of the block's ref_time (2 s). Reads the generated weights
files, so run it after scripts/benchmark.sh."""
import glob
import re
import sys

def db_weights():
    """The runtime's DbWeight (runtime/src/weights/paritydb_weights.rs), picoseconds."""
    text = open("runtime/src/weights/paritydb_weights.rs").read()
    read = int(re.search(r"read: ([0-9_]+) \* constants::WEIGHT_REF_TIME_PER_NANOS", text).group(1).replace("_", ""))
    write = int(re.search(r"write: ([0-9_]+) \* constants::WEIGHT_REF_TIME_PER_NANOS", text).group(1).replace("_", ""))
    return read * 1000, write * 1000


READ, WRITE = db_weights()  # the runtime's DbWeight, measured on this chain
BLOCK = 2_000_000_000_000  # 2 s of ref_time

def functions(path, impl_marker):
    text = open(path).read()
    body = text[text.index(impl_marker):]
    if "impl WeightInfo for ()" in body:  # the custom template repeats the weights for tests
        body = body[: body.index("impl WeightInfo for ()")]
    # Each function: its doc comments (component ranges) and its body up to the closing brace.
    pattern = re.compile(r"((?:\t*///[^\n]*\n)*)\tfn (\w+)\(([^)]*)\) -> Weight \{(.*?)\n\t\}", re.S)
    for docs, name, params, fn_body in pattern.findall(body):
        bounds = re.findall(r"component `(\w+)` is `\[(\d+), (\d+)\]`", docs)
        yield name, {c: int(hi) for c, _, hi in bounds}, fn_body, {c: int(lo) for c, lo, _ in bounds}

def ref_time(ranges, body):
    def val(name):
        return ranges.get(name, 0)
    total = 0
    m = re.search(r"Weight::from_parts\(([\d_]+),", body)
    total += int(m.group(1).replace("_", ""))
    for slope, comp in re.findall(r"Weight::from_parts\(([\d_]+), 0\)\.saturating_mul\((\w+)\.into\(\)\)", body):
        total += int(slope.replace("_", "")) * val(comp)
    for kind, unit in (("reads", READ), ("writes", WRITE)):
        for n in re.findall(kind + r"\((\d+)(?:_u64)?\)\)", body):
            total += int(n) * unit
        for n, comp in re.findall(kind + r"\(\((\d+)_u64\)\.saturating_mul\((\w+)\.into\(\)\)\)", body):
            total += int(n) * unit * val(comp)
    return total

# What each hook is charged per block: its benchmarked weights (components at their top), plus
# one read and one write where the pallet has a whitelisted hot value (see its on_initialize).
HOOKS = [
    ("data-credits", "normal block", [("data-credits", "on_initialize_idle")], True),
    ("data-credits", "first block of an epoch", [("data-credits", "on_initialize_new_epoch")], True),
    ("subdaos", "normal block", [("subdaos", "on_initialize_idle")], True),
    ("subdaos", "epoch boundary: score all + pay the first batch",
     [("subdaos", "close_epoch"), ("subdaos", "pay_epoch")], True),
    ("subdaos", "paying block", [("subdaos", "pay_epoch")], True),
    ("inflation", "normal block", [("inflation", "on_initialize_idle")], False),
    ("inflation", "round start, with bonding's reward split and the subnets' sharing",
     [("inflation", "on_initialize_round"), ("bonding", "distribute"), ("subnets", "share_emission")],
     False),
    ("subnets", "normal block", [("subnets", "on_initialize_idle")], False),
    ("subnets", "epoch block (the largest subnet: all uids, all validators, dense weights)",
     [("subnets", "on_initialize_idle"), ("subnets", "epoch")], False),
]
HOT = READ + WRITE

def main():
    balances = dict(
        (name, ref_time(r, b))
        for name, r, b, _ in functions("runtime/src/weights/pallet_balances.rs", "impl<T: frame_system::Config>")
    )
    transfer = balances["transfer_keep_alive"]
    print(f"Reference: `pallet_balances::transfer_keep_alive` = {transfer / 1e6:.1f} µs of ref_time.\n")
    print("| pallet | call / hook (worst case) | ref_time (µs) | × transfer | % of block |")
    print("|---|---|---:|---:|---:|")
    weights = {}
    idle_growth = []
    for path in sorted(glob.glob("pallets/*/src/weights.rs")):
        pallet = path.split("/")[1]
        for name, ranges, body, lows in functions(path, "impl<T: frame_system::Config>"):
            t = ref_time(ranges, body)
            weights[(pallet, name)] = t
            if name == "on_initialize_idle" and ranges:
                idle_growth.append((pallet, lows, ranges, ref_time(lows, body), t))
            args = ", ".join(f"{c}={v}" for c, v in ranges.items())
            label = f"{name}({args})" if args else name
            print(f"| {pallet} | `{label}` | {t / 1e6:.1f} | {t / transfer:.2f} | {100 * t / BLOCK:.3f} |")
    print("\n**Hooks as charged per block** (the weights above at their top components, plus one read")
    print("and one write for Data Credits' and subDAOs' whitelisted hot values):\n")
    print("| pallet | block | ref_time (µs) | % of block |")
    print("|---|---|---:|---:|")
    for pallet, block, parts, hot in HOOKS:
        if all(p in weights for p in parts):
            t = (HOT if hot else 0) + sum(weights[p] for p in parts)
            names = " + ".join(f"`{n}`" for _, n in parts)
            print(f"| {pallet} | {block} ({names}) | {t / 1e6:.1f} | {100 * t / BLOCK:.3f} |")
    print("\n**Normal blocks against the size of the state** (idle hooks benchmarked over a growing")
    print("state, at the bottom and the top of its range):\n")
    print("| pallet | smallest state | ref_time (µs) | largest state | ref_time (µs) | growth |")
    print("|---|---|---:|---|---:|---:|")
    for pallet, lows, highs, low, high in idle_growth:
        small = ", ".join(f"{c}={v}" for c, v in lows.items())
        large = ", ".join(f"{c}={v}" for c, v in highs.items())
        print(f"| {pallet} | {small} | {low / 1e6:.1f} | {large} | {high / 1e6:.1f} | {high / low:.2f}× |")

if __name__ == "__main__":
    sys.exit(main())
