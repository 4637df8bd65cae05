// Pipelined transfers: keeps up to the negotiated window of requests in flight, so that a
// transfer is not bound by one round trip per chunk. Used by deploy (UPDATE_DATA), read (READ)
// and raw write (WRITE).
#pragma once

#include "client.h"
#include "error.h"

#include <QByteArray>

#include <functional>

namespace piton {

/** Inputs of runPipelined(). */
struct PipelineSteps {
    int count = 0;                                              ///< number of requests
    quint8 command = 0;                                         ///< wire command of every request
    std::function<QByteArray(int index)> payload;               ///< request payload of request `index`
    std::function<Result<void>(int index, const QByteArray &response)> onResponse; ///< in order
    std::function<Result<void>()> checkStop;                    ///< error (e.g. Cancelled) stops sending
    int timeoutMs = 10000;                                      ///< per response
};

/**
 * Sends `steps.count` requests with up to client.window() in flight and hands each response to
 * onResponse in order. On the first error (device, link, timeout, onResponse, checkStop) it stops
 * sending, waits for the responses still in flight (so the device is never left mid-request),
 * and returns that error.
 */
Result<void> runPipelined(Client &client, const PipelineSteps &steps);

} // namespace piton
