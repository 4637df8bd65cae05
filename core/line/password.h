// Passwords of line-mode accounts (docs/line-mode.md, "Roles"): stored only as a salted
// PBKDF2-HMAC-SHA256 hash (RFC 8018 §5.2), computed by OpenSSL (PKCS5_PBKDF2_HMAC); the salt
// comes from OpenSSL's RAND_bytes. Never own crypto.
#pragma once

#include "error.h"

#include <QString>

namespace piton::line {

/** Iterations for new hashes: OWASP Password Storage Cheat Sheet (2023) for PBKDF2-HMAC-SHA256. */
inline constexpr int kPasswordIterations = 600000;
/** Shortest password an account may get, in characters. */
inline constexpr int kPasswordMinLength = 6;

/**
 * The stored form of `password`: `pbkdf2-sha256$ITERATIONS$SALT$HASH` (salt 16 random bytes,
 * hash 32 bytes, both base64). Usage error when it is shorter than kPasswordMinLength
 * characters; Io error when OpenSSL has no random bytes or fails.
 */
Result<QString> hashPassword(const QString &password);

/** True when `password` gives `stored` (a hashPassword() result); compared in constant time.
 *  False for a malformed `stored`. */
bool checkPassword(const QString &password, const QString &stored);

} // namespace piton::line
