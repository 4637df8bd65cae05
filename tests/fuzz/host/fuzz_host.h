// Shared bits of the host-side libFuzzer targets (docs/fuzzing.md). The parsers are pure
// functions over bytes: no QCoreApplication is created (QCoreApplication::translate works
// without one and returns the source text).
#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace piton::fuzz {

/** The input as a QByteArray (a deep copy: parsers may keep it). */
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/** A property the fuzzer checks beyond "no crash": aborts (a finding) when it does not hold. */
inline void require(bool condition)
{
    if (!condition)
        std::abort();
}

/** An error's message must name something: a refusal is never silent. */
template <typename R> void requireExplained(const R &result)
{
    if (!result)
        require(!result.error().message.isEmpty());
}

/** `in` with its last 4 bytes replaced by `crc` (little-endian): a copy whose checksum is
 *  right, so the fuzzer reaches the parse behind a CRC check as well as the check itself. */
inline QByteArray withCrcTrailer(QByteArray in, quint32 crc)
{
    for (int i = 0; i < 4; ++i)
        in[in.size() - 4 + i] = char(crc >> (8 * i));
    return in;
}

/** With PITON_FUZZ_TRACE set (replaying one input by hand), prints what a stateful target did:
 *  `what` and the result's error, or "ok". */
template <typename R> void trace(const char *what, const R &result)
{
    static const bool on = std::getenv("PITON_FUZZ_TRACE") != nullptr;
    if (on)
        std::fprintf(stderr, "%s: %s\n", what, result ? "ok" : qPrintable(result.error().message));
}

} // namespace piton::fuzz
