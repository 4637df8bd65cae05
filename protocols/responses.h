// Parsers of response payloads and builders of request payloads (docs/protocol.md §4).
// Every parser checks lengths and structure; a malformed payload gives ErrorKind::Protocol with a
// message naming the command and the problem.
#pragma once

#include "byte_order.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include "device_types.h"
#include "error.h"

namespace piton {

/** PING response (12 bytes). Also checks protocol version == 1, stage 1 or 2, reserved byte 0,
 *  1 <= window <= requestedWindow and PT_MIN_MAX_PAYLOAD <= maxPayload <= requestedMaxPayload. */
Result<PingInfo> parsePingResponse(const QByteArray &payload, int requestedWindow,
                                   quint32 requestedMaxPayload);

/** INFO response: TLV entries; unknown tags are skipped; fixed-size tags must have their size;
 *  duplicate tags (other than trusted keys) are refused; a board id is required. Enumerated
 *  values (stage, last install, image state, revert reason, staging and config state) outside
 *  the values docs/protocol.md §4.2 defines are refused. */
Result<DeviceInfo> parseInfoResponse(const QByteArray &payload);

/** REGIONS response: count, then per region id, name (1..15 ASCII), address, size, flags,
 *  1..8 sector runs whose sizes add up to the region size; no trailing bytes; unique ids. */
Result<QList<Region>> parseRegionsResponse(const QByteArray &payload);

/** UPDATE_STATUS response (44 bytes, state 0..4, staged <= package size). */
Result<StagingStatus> parseStagingStatusResponse(const QByteArray &payload);

/** u32 staged offset of UPDATE_BEGIN and UPDATE_DATA responses (exactly 4 bytes).
 *  `command` names the command in the error message. */
Result<quint32> parseStagedOffset(const QByteArray &payload, quint8 command);

/** Region access request of READ, ERASE and HASH: u8 region id, u8 flags (ERASE only:
 *  PT_ERASE_FLAG_FOR_WRITE; 0 otherwise), 2 reserved, u32 offset, u32 length (docs/protocol.md §4.4). */
QByteArray encodeRegionRange(int regionId, quint32 offset, quint32 length, quint8 flags = 0);

/** SESSION response (§4.12): u32 session timeout in ms, u8 displaced, 3 reserved. */
Result<SessionGrant> parseSessionResponse(const QByteArray &payload);

/** Error response (docs/protocol.md §3, "Error responses"): `payload` is the board's UTF-8
 *  message (at most PT_MAX_ERROR_MESSAGE bytes, may be empty); a RATE_LIMITED one carries after it
 *  the retry-after field, a NUL and a u32 LE wait in ms (PT_RETRY_AFTER_SIZE bytes; boards before
 *  the field send the message alone). Returns the refusal as an Error: kind Verify for the
 *  verification statuses, Device otherwise; deviceStatus = `status`; a message naming `command`,
 *  the board's text, the status and the wait ("the board asks to wait N s"); retryAfterMs when
 *  the field is present and not 0 (0: the board cannot say how long). A malformed payload gives a Protocol error (deviceStatus = `status`)
 *  naming the problem: a message longer than PT_MAX_ERROR_MESSAGE bytes, a NUL in the message of
 *  another status, or a retry-after field that is not exactly 4 bytes after the NUL. */
Error parseErrorResponse(quint8 command, int status, const QByteArray &payload);

/** Name of a command for messages, e.g. "READ", "UPDATE_DATA"; "command 0xNN" when unknown. */
QString commandName(quint8 command);
/** Name of a status code, e.g. "NOT_ERASED"; "status N" when unknown. */
QString statusName(int status);

} // namespace piton
