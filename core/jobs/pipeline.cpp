#include "jobs/pipeline.h"

#include <QQueue>

namespace piton {

Result<void> runPipelined(Client &client, const PipelineSteps &steps)
{
    const int window = qMax(1, client.window());
    QQueue<std::pair<int, quint16>> inFlight; // request index, sequence
    int next = 0;
    Error firstError;

    while (next < steps.count || !inFlight.isEmpty()) {
        while (!firstError.isError() && next < steps.count && inFlight.size() < window) {
            if (steps.checkStop) {
                auto stop = steps.checkStop();
                if (!stop) {
                    firstError = stop.error();
                    break;
                }
            }
            auto seq = client.send(steps.command, steps.payload(next));
            if (!seq) {
                firstError = seq.error();
                break;
            }
            inFlight.enqueue({next, seq.value()});
            ++next;
        }
        if (inFlight.isEmpty())
            break;
        const auto [index, sequence] = inFlight.dequeue();
        auto response = client.receive(sequence, steps.timeoutMs);
        if (!response) {
            if (!firstError.isError())
                firstError = response.error();
            // The link is gone or the device is silent: nothing more will arrive.
            if (response.error().kind == ErrorKind::Link || response.error().kind == ErrorKind::Timeout)
                break;
            continue;
        }
        if (!firstError.isError()) {
            auto handled = steps.onResponse(index, response.value());
            if (!handled)
                firstError = handled.error();
        }
        if (firstError.isError() && next >= steps.count && inFlight.isEmpty())
            break;
    }
    if (firstError.isError())
        return firstError;
    return {};
}

} // namespace piton
