#!/usr/bin/env python3
"""Prints, in load order (dependencies first), the kernel module files needed for the given
module names, read from the modules' own .modinfo "depends=" entries (a Debian linux-image
package ships no modules.dep; depmod is not needed). Modules built into the kernel (named in
modules.builtin) are skipped.

usage: modules.py MODULES_DIR NAME...   (MODULES_DIR = lib/modules/VERSION)
"""
import os
import sys


def norm(name):
    return name.replace('-', '_')


def main():
    root, wanted = sys.argv[1], sys.argv[2:]
    files = {}
    for dirpath, _, names in os.walk(os.path.join(root, 'kernel')):
        for n in names:
            if n.endswith('.ko'):
                files[norm(n[:-3])] = os.path.join(dirpath, n)
    builtin = set()
    try:
        with open(os.path.join(root, 'modules.builtin')) as f:
            for line in f:
                builtin.add(norm(os.path.basename(line.strip())[:-3]))
    except OSError:
        pass
    order, seen = [], set()

    def visit(name):
        name = norm(name)
        if name in seen or name in builtin:
            return
        seen.add(name)
        if name not in files:
            sys.exit(f'modules.py: module {name} not found under {root}/kernel and not built in')
        with open(files[name], 'rb') as f:
            data = f.read()
        i = data.find(b'\0depends=')
        deps = []
        if i >= 0:
            end = data.index(b'\0', i + 1)
            deps = [d for d in data[i + 9:end].decode().split(',') if d]
        for d in deps:
            visit(d)
        order.append(files[name])

    for w in wanted:
        visit(w)
    print('\n'.join(order))


if __name__ == '__main__':
    main()
