// Test data for the host tests (tests/unit, tests/e2e): reproducible bytes that do not compress,
// standing in for firmware and application images.
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace piton::test {

/** `size` bytes from a linear congruential generator (Numerical Recipes' constants, top byte of
 *  each step) started from `seed` spread by Knuth's multiplicative hash: the same seed gives the
 *  same bytes, nearby seeds unrelated ones. Incompressible enough for LZ4 to gain nothing. */
inline QByteArray pseudoRandom(int size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1;
    for (int i = 0; i < size; ++i) {
        x = x * 1664525u + 1013904223u;
        out[i] = char(x >> 24);
    }
    return out;
}

} // namespace piton::test
