// Identifier pools of line mode (docs/line-mode.md, "Pools"): where a board's serial number,
// MAC address and other per-unit values come from. This file holds the pure part: parsing a
// pool's definition and turning a counter or an address into the identifier's text. Allocation
// (never the same value twice) is the database's job (line/line_database.h).
#pragma once

#include "error.h"

#include <QByteArray>
#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace piton::line {

/**
 * A counter format such as `PT-{yyyy}-{seq:06}`: literal text (any printable ASCII except `{`
 * and `}`) and placeholders. Placeholders: `{seq}` (decimal, no padding), `{seq:N}` or
 * `{seq:0N}` (decimal, zero-padded to N digits, 1..18), `{seq36:N}` (base 36, digits 0-9A-Z,
 * zero-padded to N, 1..12); exactly one seq placeholder. Date placeholders, taken from the UTC
 * date of the allocation: `{yyyy}`, `{yy}`, `{mm}`, `{dd}`, `{ww}` (ISO 8601 week, 2 digits).
 * The counter does not restart when the date changes.
 */
class CounterFormat {
public:
    /** Parses `text`. Usage error naming the problem: unknown placeholder, an unclosed `{`,
     *  a `}` without `{`, no or two seq placeholders, width out of range, non-printable text. */
    static Result<CounterFormat> parse(const QString &text);

    /** The identifier for counter value `seq` on `date` (UTC). */
    QString format(quint64 seq, const QDate &date) const;

    /** Largest value the seq placeholder can show: 10^N - 1 or 36^N - 1 with a width N,
     *  else 999999999999999999. */
    quint64 maxSeq() const;

    const QString &text() const { return m_text; }

private:
    struct Part {
        enum Kind { Literal, Seq, Seq36, Year4, Year2, Month, Day, Week } kind = Literal;
        QString literal;
        int width = 0;
    };
    QString m_text;
    QList<Part> m_parts;
};

/** A 48-bit MAC address from `text`: six hex pairs separated by `:` (or `-`), any case.
 *  Usage error naming the text otherwise. */
Result<quint64> parseMac(const QString &text);
/** `02:00:00:12:34:56` (lower case, `:`), as docs/config-format.md's net.mac wants it. */
QString formatMac(quint64 mac);

/**
 * The identifiers of a list file (docs/line-mode.md, "List pools"): one a line, UTF-8; blank
 * lines and lines starting with `#` are skipped; surrounding spaces are trimmed. Format error
 * naming the line number: a duplicate (and its first line), a value over 128 bytes, a control
 * character; and when the file holds no identifier at all.
 */
Result<QStringList> parseIdentifierList(const QByteArray &bytes);

/** Kinds of pool. */
enum class PoolType { Counter, List, Mac, UniqueId, Barcode };

/** "counter", "list", "mac", "uid", "barcode". */
QString poolTypeName(PoolType type);

/**
 * One pool of a recipe. Counter: `format`, `first`..`last` (counter values, default 1..maxSeq).
 * Mac: `first`..`last` as 48-bit addresses. List: `file` (relative to the recipe) pinned by
 * `fileSha256`, `values` loaded from it. UniqueId: `format` with one `{uid}` (the board's unique
 * id in lower-case hex), default `{uid}`. Barcode: the operator scans the value for each board
 * (a keyboard-wedge scanner types a line and Enter); `pattern` (a regular expression, Perl syntax
 * as QRegularExpression takes it, matched against the whole code) says what a valid code looks
 * like, default kDefaultBarcodePattern.
 */
/** Pattern of a barcode pool without one: 1..64 printable ASCII characters, no space. */
inline constexpr char kDefaultBarcodePattern[] = "[!-~]{1,64}";

struct PoolSpec {
    QString name;
    PoolType type = PoolType::Counter;
    QString format;
    quint64 first = 0;
    quint64 last = 0;
    QString file;
    QString fileSha256;   ///< hex, 64 characters
    QStringList values;   ///< List pools: the identifiers of the file, in file order
    QString pattern;      ///< Barcode pools: what a scanned code must match (whole code)

    /** Barcode pools: checks a scanned `code` against the pattern. Usage error naming the
     *  pool, the code and the pattern when it does not match the whole code. */
    Result<void> checkBarcode(const QString &code) const;

    /** Number of identifiers the pool holds (List: values.size(); UniqueId, Barcode: 0, unbounded). */
    quint64 capacity() const;
    /** The identifier for counter/address `value` (Counter, Mac) on `date`. */
    QString valueAt(quint64 value, const QDate &date) const;
    /** The identifier of a board with unique id `uid` (UniqueId pools). */
    QString uidValue(const QByteArray &uid) const;

    /** The definition as it is stored in a recipe (without the list's values). */
    QJsonObject toJson() const;
    /** SHA-256 (hex) of the definition: two pools of one name must have the same. */
    QString definitionSha256() const;

    /**
     * Reads the pool `name` from its recipe JSON object; `baseDir` resolves a list's file, which
     * is read and checked against its pinned SHA-256. Usage/Format errors naming the pool and
     * the field: unknown type or key, bad format, first > last, range beyond the format's
     * width or 48 bits, list file missing, unreadable, not matching its SHA-256, or bad
     * (parseIdentifierList).
     */
    static Result<PoolSpec> fromJson(const QString &name, const QJsonObject &object, const QString &baseDir);
};

} // namespace piton::line
