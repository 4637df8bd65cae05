// Error and Result: how every host-side layer (protocols, core, app) reports failure.
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace piton {

/** What went wrong, coarse enough for the CLI's exit codes (docs/cli.md):
 *  Usage -> 2; Link, Timeout -> 3; Verify -> 4; NotConfirmed -> 5; everything else -> 1. */
enum class ErrorKind {
    None,
    Usage,      ///< the user asked for something malformed or impossible
    Io,         ///< a local file could not be read or written
    Format,     ///< a file's contents are malformed (image, package, key, config backup)
    Link,       ///< cannot connect, or the link was lost
    Timeout,    ///< the device did not answer in time
    Protocol,   ///< the device answered something that breaks docs/protocol.md
    Device,     ///< the device refused or failed (deviceStatus holds its status code)
    Verify,     ///< signature, hash or compatibility check failed (host or device side)
    NotConfirmed, ///< installed, but the new image did not confirm itself: reverted, or still on trial
    Cancelled   ///< the user cancelled
};

/** An error: its kind, a message that names the problem, and for Device/Verify errors that the
 *  device reported, the wire status code (protocol.h enum pt_status). */
struct Error {
    ErrorKind kind = ErrorKind::None;
    QString message;
    int deviceStatus = 0;
    /** For RATE_LIMITED: how long the board asks the host to wait before it asks again (ms), from
     *  the error response's retry-after field (docs/protocol.md §3); empty when the board did not
     *  send one (boards before the field) or for other errors. */
    std::optional<quint32> retryAfterMs;

    static Error make(ErrorKind k, QString msg, int status = 0) { return {k, std::move(msg), status, std::nullopt}; }
    bool isError() const { return kind != ErrorKind::None; }
};

/** Either a value or an Error. `if (!r) return r.error();` */
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}
    explicit operator bool() const { return m_value.has_value(); }
    bool ok() const { return m_value.has_value(); }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/** Result for operations that produce no value. */
template <>
class Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}
    explicit operator bool() const { return !m_error.isError(); }
    bool ok() const { return !m_error.isError(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
};

} // namespace piton
