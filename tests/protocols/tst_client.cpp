// Client and DeviceClient against an in-process fake device (fake_link.h).
#include "client.h"
#include "device_client.h"
#include "fake_link.h"
#include "responses.h"
#include "status_text.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace piton;
using namespace piton::test;

namespace {
constexpr quint32 AllCaps = 0x7F;

// A small fake device: answers PING (window 4, the host's payload up to `offer`), INFO and
// REGIONS from fixed bytes, READ/WRITE from a 64 KiB flash array, UPDATE_DATA into staging.
struct FakeDevice {
    quint32 offer = 4096;
    int windowOffer = 4;
    QByteArray flash = QByteArray(65536, '\xFF');
    QByteArray staging;
    quint32 stagedOffset = 0;
    QByteArray infoBytes;
    QByteArray regionsBytes;
    int confirmStatus = PT_OK;       // CONFIRM's answer
    QByteArray confirmPayload;

    QByteArray handle(const Frame &req)
    {
        switch (req.command) {
        case PT_CMD_PING: {
            quint32 host = PT_MIN_MAX_PAYLOAD;
            int window = 1;
            if (req.payload.size() == 5) {
                host = readLe32(req.payload, 0);
                window = quint8(req.payload[4]);
            }
            return respond(req, pingPayload(PT_STAGE_APPLICATION, std::min(window, windowOffer), std::min(host, offer), AllCaps));
        }
        case PT_CMD_INFO:
            return respond(req, infoBytes);
        case PT_CMD_REGIONS:
            return respond(req, regionsBytes);
        case PT_CMD_READ: {
            const quint32 off = readLe32(req.payload, 4), len = readLe32(req.payload, 8);
            if (quint64(off) + len > quint64(flash.size()))
                return respond(req, "read past the end of region flash", PT_E_OUT_OF_RANGE);
            return respond(req, flash.mid(off, len));
        }
        case PT_CMD_WRITE: {
            const quint32 off = readLe32(req.payload, 4);
            const QByteArray data = req.payload.mid(8);
            for (qsizetype i = 0; i < data.size(); ++i)
                if ((quint8(flash[off + i]) & quint8(data[i])) != quint8(data[i]))
                    return respond(req, "byte at 0x0 needs erase", PT_E_NOT_ERASED);
            flash.replace(off, data.size(), data);
            return respond(req, {});
        }
        case PT_CMD_UPDATE_DATA: {
            const quint32 off = readLe32(req.payload, 0);
            if (off != stagedOffset)
                return respond(req, QStringLiteral("expected offset %1").arg(stagedOffset).toUtf8(), PT_E_SEQUENCE);
            staging += req.payload.mid(4);
            stagedOffset += quint32(req.payload.size() - 4);
            QByteArray p;
            appendLe32(p, stagedOffset);
            return respond(req, p);
        }
        case PT_CMD_UPDATE_ABORT:
            if (!req.payload.isEmpty())
                return respond(req, "UPDATE_ABORT takes no payload", PT_E_BAD_REQUEST);
            staging.clear();
            stagedOffset = 0;
            return respond(req, {});
        case PT_CMD_CONFIRM:
            if (confirmStatus != PT_OK)
                return respond(req, "no image runs in trial in the bootloader", confirmStatus);
            return respond(req, confirmPayload);
        default:
            return respond(req, "unknown command", PT_E_UNKNOWN_COMMAND);
        }
    }
};

} // namespace

class TestClient : public QObject {
    Q_OBJECT

    // A Client over a FakeLink driven by `dev`; `fake` receives the link's address.
    static std::unique_ptr<Client> makeClient(FakeDevice &dev, FakeLink *&fake, quint32 preferred = 4096)
    {
        auto link = std::make_unique<FakeLink>([&dev](const Frame &f) { return dev.handle(f); }, preferred);
        fake = link.get();
        return std::make_unique<Client>(std::move(link));
    }

private slots:
    void connectNegotiates()
    {
        FakeDevice dev;
        FakeLink *fake = nullptr;
        auto client = makeClient(dev, fake, 4096);
        QCOMPARE(client->maxPayload(), quint32(PT_MIN_MAX_PAYLOAD));
        QCOMPARE(client->window(), 1);
        Result<PingInfo> ping = client->connect(2000);
        QVERIFY2(ping.ok(), qPrintable(ping.error().message));
        QVERIFY(fake->isOpen());
        QCOMPARE(fake->requests.size(), 1);
        const Frame &req = fake->requests[0];
        QCOMPARE(req.command, quint8(PT_CMD_PING));
        QCOMPARE(req.flags, quint8(0));
        QCOMPARE(req.payload.size(), 5);
        QCOMPARE(readLe32(req.payload, 0), quint32(4096));
        QCOMPARE(int(quint8(req.payload[4])), 4);
        QCOMPARE(ping->stage, int(PT_STAGE_APPLICATION));
        QCOMPARE(client->window(), 4);
        QCOMPARE(client->maxPayload(), quint32(4096));
        QCOMPARE(client->bytesSent(), quint64(5 + 16));
        QCOMPARE(client->bytesReceived(), quint64(12 + 16));
    }

    void connectTakesLowerOffer()
    {
        FakeDevice dev;
        dev.offer = 2048;
        dev.windowOffer = 2;
        FakeLink *fake = nullptr;
        auto client = makeClient(dev, fake, 16384);
        Result<PingInfo> ping = client->connect(2000);
        QVERIFY(ping.ok());
        QCOMPARE(readLe32(fake->requests[0].payload, 0), quint32(16384));
        QCOMPARE(client->maxPayload(), quint32(2048));
        QCOMPARE(client->window(), 2);
    }

    // A link that cannot be opened at all (nothing listens, no such port) fails at once:
    // waiting for a board that resets is Session::reconnect()'s loop, not connect()'s.
    void connectFailsAtOnceWhenTheLinkCannotOpen()
    {
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) { return dev.handle(f); });
        FakeLink *fake = link.get();
        fake->failOpens = 1;
        Client client(std::move(link));
        QElapsedTimer t;
        t.start();
        Result<PingInfo> ping = client.connect(3000);
        QVERIFY(!ping.ok());
        QCOMPARE(ping.error().kind, ErrorKind::Link);
        QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed()))); // not the 3000 ms of retries
        QCOMPARE(fake->opens, 1);
        QVERIFY(client.connect(3000).ok()); // the port is there now
    }

    void connectRetriesWhileBoardReboots()
    {
        FakeDevice dev;
        int pings = 0;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_PING && ++pings < 3)
                return {}; // still rebooting: no answer
            return dev.handle(f);
        });
        FakeLink *fake = link.get();
        Client client(std::move(link));
        Result<PingInfo> ping = client.connect(3000);
        QVERIFY2(ping.ok(), qPrintable(ping.error().message));
        QCOMPARE(pings, 3);
        QCOMPARE(fake->opens, 1);
        // Each retry used a fresh sequence number.
        QCOMPARE(fake->requests.size(), 3);
        QVERIFY(fake->requests[0].sequence != fake->requests[1].sequence);
        QVERIFY(fake->requests[1].sequence != fake->requests[2].sequence);
    }

    void connectTimesOut()
    {
        auto link = std::make_unique<FakeLink>([](const Frame &) { return QByteArray(); });
        FakeLink *fake = link.get();
        Client client(std::move(link));
        QElapsedTimer t;
        t.start();
        Result<PingInfo> ping = client.connect(900);
        const qint64 took = t.elapsed();
        QVERIFY(!ping.ok());
        QCOMPARE(ping.error().kind, ErrorKind::Timeout);
        QVERIFY2(ping.error().message.contains(QStringLiteral("no answer to PING")), qPrintable(ping.error().message));
        QVERIFY2(took >= 850 && took < 2500, qPrintable(QString::number(took)));
        QVERIFY(fake->requests.size() >= 2); // retried within the timeout
        QVERIFY(!fake->isOpen());
    }

    void connectRejectsBadPing()
    {
        auto link = std::make_unique<FakeLink>([](const Frame &f) {
            return respond(f, pingPayload(PT_STAGE_BOOTLOADER, 8, 4096, 0)); // window above request
        });
        Client client(std::move(link));
        Result<PingInfo> ping = client.connect(1000);
        QVERIFY(!ping.ok());
        QCOMPARE(ping.error().kind, ErrorKind::Protocol);
        QVERIFY(ping.error().message.contains(QStringLiteral("window 8")));
    }

    void callMatchesSequenceAndIgnoresNoise()
    {
        FakeDevice dev;
        dev.infoBytes = tlv(PT_INFO_BOARD_ID, "uniform-4k") + tlv(PT_INFO_STAGE, QByteArray(1, '\2'));
        auto link = std::make_unique<FakeLink>([&](const Frame &f) {
            // Line noise, an echo of the request (no response flag: ignored), a corrupted copy of
            // the response, then the real one.
            QByteArray corrupted = dev.handle(f);
            corrupted[corrupted.size() - 1] = char(corrupted[corrupted.size() - 1] ^ 1);
            return QByteArray("\x00\xFFnoise", 7) + encodeFrame(f) + corrupted + dev.handle(f);
        });
        FakeLink *fake = link.get();
        fake->chunk = 5; // and deliver it in small pieces
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> r = client.call(PT_CMD_INFO, {}, 2000);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(*r, dev.infoBytes);
        QVERIFY(client.discardedBytes() > 0);
        QCOMPARE(client.bytesReceived(), fake->delivered);
        QCOMPARE(client.bytesSent(), quint64(fake->written.size()));
        QCOMPARE(fake->pending.size(), 0);
    }

    void wrongSequenceIsProtocolError()
    {
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) {
            if (f.command != PT_CMD_INFO)
                return dev.handle(f);
            Frame wrong = f;
            wrong.sequence = quint16(f.sequence + 100);
            return respond(wrong, "x");
        });
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> r = client.call(PT_CMD_INFO, {}, 1000);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Protocol);
        QVERIFY2(r.error().message.contains(QStringLiteral("unexpected sequence")), qPrintable(r.error().message));
        QCOMPARE(client.inFlight(), 0);
    }

    void wrongCommandIsProtocolError()
    {
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) {
            if (f.command != PT_CMD_REGIONS)
                return dev.handle(f);
            Frame wrong = f;
            wrong.command = PT_CMD_INFO;
            return respond(wrong, "x");
        });
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> r = client.call(PT_CMD_REGIONS, {}, 1000);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Protocol);
        QVERIFY2(r.error().message.contains(QStringLiteral("carries command INFO, the request was REGIONS")),
                 qPrintable(r.error().message));
        // The session stays usable.
        QVERIFY(client.call(PT_CMD_PING, {}, 1000).ok());
    }

    void deviceErrorsCarryStatusAndMessage()
    {
        auto link = std::make_unique<FakeLink>([](const Frame &f) {
            FakeDevice dev;
            if (f.command == PT_CMD_ERASE)
                return respond(f, "erase of 0x00000000+0x4000 touches protected region bootloader", PT_E_PROTECTED);
            if (f.command == PT_CMD_UPDATE_COMMIT)
                return respond(f, "payload 1 SHA-256 mismatch", PT_E_VERIFY_HASH);
            return dev.handle(f);
        });
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> e = client.call(PT_CMD_ERASE, encodeRegionRange(0, 0, 0x4000), 1000);
        QVERIFY(!e.ok());
        QCOMPARE(e.error().kind, ErrorKind::Device);
        QCOMPARE(e.error().deviceStatus, int(PT_E_PROTECTED));
        QVERIFY(e.error().message.contains(QStringLiteral("touches protected region bootloader")));
        QVERIFY(e.error().message.contains(QStringLiteral("ERASE")));
        QVERIFY(e.error().message.contains(QStringLiteral("PROTECTED")));

        Result<QByteArray> v = client.call(PT_CMD_UPDATE_COMMIT, {}, 1000);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().kind, ErrorKind::Verify);
        QCOMPARE(v.error().deviceStatus, int(PT_E_VERIFY_HASH));
        QVERIFY(v.error().message.contains(QStringLiteral("SHA-256 mismatch")));
    }

    // A board without message texts (the Cortex-M4 images) refuses with the status alone, or
    // with the placeholder "request failed": the error says what the status means and what to
    // do, and keeps the status name. Every status statusName() knows has its words.
    void bareStatusGetsExplanation()
    {
        QList<int> known;
        for (int status = 1; status < 256; ++status)
            if (!statusName(status).startsWith(QStringLiteral("status ")))
                known.append(status);
        QVERIFY(known.size() >= 29); // 1..26 and 30..32 in protocol.h today
        for (const QByteArray &payload : {QByteArray(), QByteArray("request failed")}) {
            int refused = PT_OK;
            auto link = std::make_unique<FakeLink>([&refused, &payload](const Frame &f) {
                FakeDevice dev;
                return f.command == PT_CMD_ERASE ? respond(f, payload, quint8(refused)) : dev.handle(f);
            });
            Client client(std::move(link));
            QVERIFY(client.connect(2000).ok());
            for (int status : known) {
                refused = status;
                const QString words = statusExplanation(status);
                QVERIFY2(words.size() > 20, qPrintable(QStringLiteral("no explanation for %1").arg(statusName(status))));
                Result<QByteArray> e = client.call(PT_CMD_ERASE, encodeRegionRange(0, 0, 0x4000), 1000);
                QVERIFY(!e.ok());
                QCOMPARE(e.error().deviceStatus, status);
                QCOMPARE(e.error().message, QStringLiteral("ERASE failed on the device: %1 (%2)").arg(words, statusName(status)));
                QVERIFY(!e.error().message.contains(QStringLiteral("request failed")));
            }
            // Distinct words per status, and the ones a user acts on say how.
            QSet<QString> distinct;
            for (int status : known)
                distinct.insert(statusExplanation(status));
            QCOMPARE(distinct.size(), known.size());
            QVERIFY(statusExplanation(PT_E_AUTH_REQUIRED).contains(QStringLiteral("--credential")));
            QVERIFY(statusExplanation(PT_E_BUSY).contains(QStringLiteral("--take-over")));
            QVERIFY(statusExplanation(PT_E_NOT_ERASED).contains(QStringLiteral("erase")));
            QVERIFY(statusExplanation(PT_E_SEAL).contains(QStringLiteral("connect again")));
            // A code this workstation does not know: its number, no made-up words.
            refused = 99;
            Result<QByteArray> u = client.call(PT_CMD_ERASE, encodeRegionRange(0, 0, 0x4000), 1000);
            QVERIFY(!u.ok());
            QCOMPARE(u.error().message, QStringLiteral("ERASE failed on the device: status 99"));
        }
        // A board's own message still wins over the table.
        QCOMPARE(refusalReason(PT_E_AUTH_REQUIRED, QStringLiteral(" erase needs a technician session over TCP\n")),
                 QStringLiteral("erase needs a technician session over TCP"));
    }

    void pipeliningWindowOfFour()
    {
        // The device holds its answers until four requests are in flight, then answers all.
        QList<Frame> held;
        int maxHeld = 0;
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_PING)
                return dev.handle(f);
            held.append(f);
            maxHeld = std::max(maxHeld, int(held.size()));
            if (held.size() < 4)
                return {};
            QByteArray out;
            for (const Frame &h : held)
                out += respond(h, QByteArray("answer ") + h.payload);
            held.clear();
            return out;
        });
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        QCOMPARE(client.window(), 4);
        QList<quint16> seqs;
        for (int i = 0; i < 4; ++i) {
            Result<quint16> s = client.send(PT_CMD_READ, QByteArray::number(i));
            QVERIFY2(s.ok(), qPrintable(s.error().message));
            seqs.append(*s);
        }
        QCOMPARE(client.inFlight(), 4);
        Result<quint16> fifth = client.send(PT_CMD_READ, "4");
        QVERIFY(!fifth.ok());
        QCOMPARE(fifth.error().kind, ErrorKind::Usage);
        QVERIFY(fifth.error().message.contains(QStringLiteral("window 4")));

        // Receive the last one first: the earlier answers are kept for their own receive().
        Result<QByteArray> last = client.receive(seqs[3], 1000);
        QVERIFY2(last.ok(), qPrintable(last.error().message));
        QCOMPARE(*last, QByteArray("answer 3"));
        QCOMPARE(client.inFlight(), 0);
        for (int i = 0; i < 3; ++i) {
            Result<QByteArray> r = client.receive(seqs[i], 0);
            QVERIFY(r.ok());
            QCOMPARE(*r, QByteArray("answer ") + QByteArray::number(i));
        }
        QCOMPARE(maxHeld, 4);
        // The frame counters: the PING and the four requests, and their five answers; a fifth
        // request refused by the window sent nothing.
        QCOMPARE(client.framesSent(), quint64(5));
        QCOMPARE(client.framesReceived(), quint64(5));
        // Nothing left to receive.
        Result<QByteArray> again = client.receive(seqs[0], 0);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, ErrorKind::Usage);
    }

    void outOfOrderResponseIsProtocolError()
    {
        QList<Frame> held;
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_PING)
                return dev.handle(f);
            held.append(f);
            if (held.size() < 2)
                return {};
            return respond(held[1], "second") + respond(held[0], "first"); // wrong order
        });
        Client client(std::move(link));
        client.setRetransmitTimeoutMs(0); // with retransmission, a later answer first means a loss
        QVERIFY(client.connect(2000).ok());
        const quint16 a = *client.send(PT_CMD_READ, "a");
        const quint16 b = *client.send(PT_CMD_READ, "b");
        Result<QByteArray> r = client.receive(a, 1000);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Protocol);
        QVERIFY2(r.error().message.contains(QStringLiteral("arrived before")), qPrintable(r.error().message));
        Result<QByteArray> rb = client.receive(b, 100);
        QVERIFY(!rb.ok());
        QCOMPARE(rb.error().kind, ErrorKind::Protocol);
    }

    // Retransmission (docs/protocol.md §2): a request lost on the way is sent again with the same
    // sequence number; the device executes it once.
    void lostRequestIsSentAgain()
    {
        FakeDevice dev;
        int seen = 0;
        QList<quint16> sequences;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_UPDATE_DATA) {
                sequences.append(f.sequence);
                if (++seen == 1)
                    return {}; // lost on the line
            }
            return dev.handle(f);
        });
        Client client(std::move(link));
        client.setRetransmitTimeoutMs(100);
        QVERIFY(client.connect(2000).ok());
        QByteArray p;
        appendLe32(p, 0);
        p += "abcd";
        QElapsedTimer t;
        t.start();
        Result<QByteArray> r = client.call(PT_CMD_UPDATE_DATA, p, 3000);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(readLe32(*r, 0), 4u);
        QCOMPARE(client.retransmissions(), 1u);
        QCOMPARE(sequences.size(), 2);
        QCOMPARE(sequences[0], sequences[1]);
        QCOMPARE(dev.staging, QByteArray("abcd"));
        QVERIFY(t.elapsed() < 2000);
    }

    // The oldest of pipelined requests is lost: the answer to the next one (SEQUENCE, refused by
    // the device) comes first; the client goes back to the oldest and sends every request in
    // flight again at once, without waiting for a timeout.
    void answerToLaterRequestFirstSendsAllAgain()
    {
        FakeDevice dev;
        bool lost = false;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_UPDATE_DATA && !lost) {
                lost = true;
                return {};
            }
            return dev.handle(f);
        });
        Client client(std::move(link));
        client.setRetransmitTimeoutMs(60000); // a timeout would fail the test's 3 s limit
        QVERIFY(client.connect(2000).ok());
        QList<quint16> seqs;
        for (int i = 0; i < 3; ++i) {
            QByteArray p;
            appendLe32(p, quint32(i * 4));
            p += QByteArray(4, char('a' + i));
            seqs.append(*client.send(PT_CMD_UPDATE_DATA, p));
        }
        for (int i = 0; i < 3; ++i) {
            Result<QByteArray> r = client.receive(seqs[i], 3000);
            QVERIFY2(r.ok(), qPrintable(r.error().message));
            QCOMPARE(readLe32(*r, 0), quint32((i + 1) * 4));
        }
        QCOMPARE(client.retransmissions(), 3u);
        QCOMPARE(dev.staging, QByteArray("aaaabbbbcccc"));
    }

    // A response lost on the way back: the repeat is answered (by the device's kept response) and
    // a response that then arrives twice is taken once.
    void lostResponseAndDuplicateAnswer()
    {
        FakeDevice dev;
        int reads = 0;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command != PT_CMD_READ)
                return dev.handle(f);
            ++reads;
            const QByteArray answer = dev.handle(f);
            if (reads == 1)
                return {};              // the response is lost
            return answer + answer;     // and the repeat's answer arrives twice
        });
        Client client(std::move(link));
        client.setRetransmitTimeoutMs(100);
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> r = client.call(PT_CMD_READ, QByteArray(12, '\0') , 3000);
        QVERIFY(r.ok());
        Result<QByteArray> next = client.call(PT_CMD_INFO, {}, 1000);
        QVERIFY2(next.ok(), qPrintable(next.error().message));
        QCOMPARE(reads, 2);
    }

    // REBOOT is not sent again (the board resets after answering it).
    void rebootIsNotRepeated()
    {
        int reboots = 0;
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_REBOOT) {
                ++reboots;
                return {};
            }
            return dev.handle(f);
        });
        Client client(std::move(link));
        client.setRetransmitTimeoutMs(50);
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> r = client.call(PT_CMD_REBOOT, QByteArray(1, '\0'), 400);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Timeout);
        QCOMPARE(reboots, 1);
        QCOMPARE(client.retransmissions(), 0u);
    }

    // UPDATE_COMMIT's answer lost (the board reset into its install): after the retransmission
    // silence the client sends an UPDATE_STATUS probe behind it; the board answers the probe, so
    // the client stops waiting at once (Timeout naming the loss) instead of after the 5 s timeout,
    // and COMMIT itself is never sent twice. The connection stays usable.
    void commitAnswerLostIsFoundByProbe()
    {
        int commits = 0, probes = 0;
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_UPDATE_COMMIT) {
                ++commits;
                return {}; // acted on, the answer lost
            }
            if (f.command == PT_CMD_UPDATE_STATUS) {
                ++probes;
                return respond(f, QByteArray(44, '\0'));
            }
            return dev.handle(f);
        });
        Client client(std::move(link));
        client.setRetransmitTimeoutMs(100);
        QVERIFY(client.connect(2000).ok());
        QElapsedTimer t;
        t.start();
        Result<QByteArray> r = client.call(PT_CMD_UPDATE_COMMIT, {}, 5000);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Timeout);
        QVERIFY2(r.error().message.contains(QStringLiteral("answered a later request first")), qPrintable(r.error().message));
        QVERIFY2(t.elapsed() < 4000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(commits, 1);
        QCOMPARE(probes, 1);
        QCOMPARE(client.probes(), 1u);
        QCOMPARE(client.retransmissions(), 0u);
        QCOMPARE(client.inFlight(), 0);
        Result<QByteArray> info = client.call(PT_CMD_INFO, {}, 1000);
        QVERIFY2(info.ok(), qPrintable(info.error().message));
    }

    // A board still checking the package when the probe goes out answers COMMIT first (it serves
    // in order): the call succeeds, and the probe's answer behind it is skipped, not taken for
    // the next request's.
    void slowCommitAnsweredBeforeProbe()
    {
        FakeDevice dev;
        dev.infoBytes = "info bytes";
        QList<Frame> held;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_UPDATE_COMMIT) {
                held.append(f);
                return {}; // still hashing
            }
            if (f.command == PT_CMD_UPDATE_STATUS && !held.isEmpty()) {
                const QByteArray commit = respond(held.takeFirst(), {});
                return commit + respond(f, QByteArray(44, '\0'));
            }
            return dev.handle(f);
        });
        Client client(std::move(link));
        client.setRetransmitTimeoutMs(100);
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> r = client.call(PT_CMD_UPDATE_COMMIT, {}, 5000);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(client.probes(), 1u);
        QCOMPARE(client.inFlight(), 0);
        Result<QByteArray> info = client.call(PT_CMD_INFO, {}, 1000);
        QVERIFY2(info.ok(), qPrintable(info.error().message));
        QCOMPARE(*info, QByteArray("info bytes"));
    }

    void timeoutThenLateAnswerIgnored()
    {
        // The device answers the first READ only when the next request arrives.
        QList<Frame> late;
        FakeDevice dev;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_PING)
                return dev.handle(f);
            if (f.payload == "slow") {
                late.append(f);
                return {};
            }
            QByteArray out;
            for (const Frame &l : late)
                out += respond(l, "too late");
            late.clear();
            return out + respond(f, "fast answer");
        });
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        QElapsedTimer t;
        t.start();
        Result<QByteArray> slow = client.call(PT_CMD_READ, "slow", 300);
        QVERIFY(!slow.ok());
        QCOMPARE(slow.error().kind, ErrorKind::Timeout);
        QVERIFY(slow.error().message.contains(QStringLiteral("no response to READ")));
        QVERIFY(t.elapsed() >= 290);
        Result<QByteArray> fast = client.call(PT_CMD_READ, "fast", 1000);
        QVERIFY2(fast.ok(), qPrintable(fast.error().message));
        QCOMPARE(*fast, QByteArray("fast answer"));
    }

    void idlePartialFrameIsDropped()
    {
        // The first answer is preceded by the start of a frame whose length field promises
        // 1000 bytes that never come. After 1000 ms of silence the host drops that partial frame
        // (docs/protocol.md §2), so the next answer decodes instead of vanishing into it.
        FakeDevice dev;
        bool first = true;
        auto link = std::make_unique<FakeLink>([&](const Frame &f) -> QByteArray {
            if (f.command == PT_CMD_PING)
                return dev.handle(f);
            if (first) {
                first = false;
                QByteArray partial = QByteArray("\x50\x54\x01\x10\x00\x00\x01\x00", 8);
                appendLe32(partial, 1000);
                return partial + respond(f, "lost");
            }
            return respond(f, "second");
        });
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        Result<QByteArray> a = client.call(PT_CMD_READ, "a", 1300);
        QVERIFY(!a.ok());
        QCOMPARE(a.error().kind, ErrorKind::Timeout);
        QVERIFY(client.discardedBytes() >= 12);
        Result<QByteArray> b = client.call(PT_CMD_READ, "b", 1000);
        QVERIFY2(b.ok(), qPrintable(b.error().message));
        QCOMPARE(*b, QByteArray("second"));
    }

    void linkLostIsLinkError()
    {
        auto link = std::make_unique<FakeLink>([](const Frame &f) -> QByteArray {
            FakeDevice dev;
            if (f.command == PT_CMD_PING)
                return dev.handle(f);
            return {};
        });
        FakeLink *fake = link.get();
        Client client(std::move(link));
        QVERIFY(client.connect(2000).ok());
        fake->dropWhenIdle = true;
        Result<QByteArray> r = client.call(PT_CMD_INFO, {}, 1000);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Link);
        Result<QByteArray> after = client.call(PT_CMD_INFO, {}, 1000);
        QCOMPARE(after.error().kind, ErrorKind::Link);
        QCOMPARE(client.inFlight(), 0);
    }

    void payloadAboveMaximumRefused()
    {
        FakeDevice dev;
        FakeLink *fake = nullptr;
        auto client = makeClient(dev, fake);
        QVERIFY(client->connect(2000).ok());
        Result<QByteArray> r = client->call(PT_CMD_WRITE, QByteArray(4097, 'x'), 1000);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Usage);
        QCOMPARE(fake->requests.size(), 1); // only the PING went out
    }

    void deviceClientInfoAndRegions()
    {
        FakeDevice dev;
        dev.infoBytes = tlv(PT_INFO_BOARD_ID, "stm32f4-ref") + tlv(PT_INFO_LOCKED, QByteArray(1, '\0'));
        QByteArray regions(1, '\1');
        regions += QByteArray("\x02\x08" "firmware", 10);
        appendLe32(regions, 0x08020000);
        appendLe32(regions, 196608);
        appendLe32(regions, PT_REGION_IMAGE);
        regions += char(2);
        appendLe16(regions, 1);
        appendLe32(regions, 65536);
        appendLe16(regions, 1);
        appendLe32(regions, 131072);
        dev.regionsBytes = regions;
        FakeLink *fake = nullptr;
        DeviceClient device(makeClient(dev, fake));
        QVERIFY(device.ping().ok());
        Result<DeviceInfo> info = device.info();
        QVERIFY2(info.ok(), qPrintable(info.error().message));
        QCOMPARE(info->boardId, QStringLiteral("stm32f4-ref"));
        QVERIFY(!info->locked);
        Result<QList<Region>> r = device.regions();
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->size(), 1);
        QCOMPARE(r->at(0).name, QStringLiteral("firmware"));
        QCOMPARE(r->at(0).sectors.size(), 2);
        QCOMPARE(r->at(0).sectors[1].size, quint32(131072));

        // A malformed INFO (truncated TLV) is a Protocol error.
        dev.infoBytes = tlv(PT_INFO_BOARD_ID, "x") + QByteArray("\x04\x04\x01", 3);
        Result<DeviceInfo> bad = device.info();
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind, ErrorKind::Protocol);
    }

    void deviceClientChunkedReadWrite()
    {
        FakeDevice dev;
        for (int i = 0; i < dev.flash.size(); ++i)
            dev.flash[i] = char((i * 7 + 3) & 0xFF);
        FakeLink *fake = nullptr;
        DeviceClient device(makeClient(dev, fake, 4096));
        QVERIFY(device.ping().ok());
        QList<quint64> progress;
        Result<QByteArray> r = device.read(1, 100, 10000, [&](quint64 done, quint64 total) {
            progress.append(done);
            return total == 10000;
        });
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(*r, dev.flash.mid(100, 10000));
        QCOMPARE(progress, (QList<quint64>{4096, 8192, 10000}));
        int reads = 0;
        for (const Frame &f : fake->requests)
            if (f.command == PT_CMD_READ) {
                ++reads;
                QCOMPARE(f.payload.size(), 12);
                QVERIFY(readLe32(f.payload, 8) <= 4096);
            }
        QCOMPARE(reads, 3);

        // Write into erased flash in chunks of at most maxPayload - 8 bytes.
        dev.flash.fill('\xFF');
        QByteArray data(9000, Qt::Uninitialized);
        for (int i = 0; i < data.size(); ++i)
            data[i] = char(i % 251);
        Result<void> w = device.write(1, 512, data);
        QVERIFY2(w.ok(), qPrintable(w.error().message));
        QCOMPARE(dev.flash.mid(512, data.size()), data);
        for (const Frame &f : fake->requests)
            if (f.command == PT_CMD_WRITE)
                QVERIFY(f.payload.size() <= 4096);

        // Writing again over programmed bytes fails with the device's NOT_ERASED.
        Result<void> again = device.write(1, 512, QByteArray(10, '\xFF') + QByteArray(5000, '\0'));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, ErrorKind::Device);
        QCOMPARE(again.error().deviceStatus, int(PT_E_NOT_ERASED));
        QCOMPARE(device.client().inFlight(), 0); // drained

        // Cancelling a read.
        Result<QByteArray> cancelled = device.read(1, 0, 20000, [](quint64 done, quint64) { return done < 4096; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().kind, ErrorKind::Cancelled);
        QCOMPARE(device.client().inFlight(), 0);
        // A read the device refuses.
        Result<QByteArray> out = device.read(1, 65000, 1000);
        QCOMPARE(out.error().kind, ErrorKind::Device);
        QCOMPARE(out.error().deviceStatus, int(PT_E_OUT_OF_RANGE));
    }

    void deviceClientUpdateStream()
    {
        FakeDevice dev;
        FakeLink *fake = nullptr;
        DeviceClient device(makeClient(dev, fake, 4096));
        QVERIFY(device.ping().ok());
        QByteArray package(20000, Qt::Uninitialized);
        for (int i = 0; i < package.size(); ++i)
            package[i] = char((i * 13) & 0xFF);
        // Resume from 4092 as if the device had staged that much before.
        dev.staging = package.left(4092);
        dev.stagedOffset = 4092;
        Result<quint32> staged = device.updateSend(package, 4092);
        QVERIFY2(staged.ok(), qPrintable(staged.error().message));
        QCOMPARE(*staged, quint32(20000));
        QCOMPARE(dev.staging, package);

        // Wrong resume offset: the device answers SEQUENCE.
        dev.staging.clear();
        dev.stagedOffset = 0;
        Result<quint32> wrong = device.updateSend(package, 8184);
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind, ErrorKind::Device);
        QCOMPARE(wrong.error().deviceStatus, int(PT_E_SEQUENCE));
        QVERIFY(wrong.error().message.contains(QStringLiteral("expected offset 0")));

        // Local checks before anything is sent.
        const qsizetype before = fake->requests.size();
        QCOMPARE(device.updateBegin(100, QByteArray(31, 'h')).error().kind, ErrorKind::Usage);
        QCOMPARE(device.configSet(QStringLiteral("bad key"), "v").error().kind, ErrorKind::Usage);
        QCOMPARE(device.configSet(QStringLiteral("k"), QByteArray(129, 'v')).error().kind, ErrorKind::Usage);
        QCOMPARE(device.reboot(7).error().kind, ErrorKind::Usage);
        QCOMPARE(fake->requests.size(), before);
    }

    // UPDATE_ABORT and CONFIRM (docs/protocol.md §4.8, §4.11).
    void deviceClientAbortAndConfirm()
    {
        FakeDevice dev;
        FakeLink *fake = nullptr;
        DeviceClient device(makeClient(dev, fake, 4096));
        QVERIFY(device.ping().ok());
        dev.staging = QByteArray(5000, 'x');
        dev.stagedOffset = 5000;
        Result<void> aborted = device.updateAbort();
        QVERIFY2(aborted.ok(), qPrintable(aborted.error().message));
        QVERIFY(dev.staging.isEmpty());
        QCOMPARE(fake->requests.constLast().command, quint8(PT_CMD_UPDATE_ABORT));
        QVERIFY(fake->requests.constLast().payload.isEmpty());

        QVERIFY(device.confirm().ok());
        QCOMPARE(fake->requests.constLast().command, quint8(PT_CMD_CONFIRM));

        dev.confirmStatus = PT_E_STATE;
        Result<void> refused = device.confirm();
        QCOMPARE(refused.error().kind, ErrorKind::Device);
        QCOMPARE(refused.error().deviceStatus, int(PT_E_STATE));
        QVERIFY2(refused.error().message.contains(QStringLiteral("trial")), qPrintable(refused.error().message));

        dev.confirmStatus = PT_OK;
        dev.confirmPayload = "?";
        Result<void> malformed = device.confirm();
        QCOMPARE(malformed.error().kind, ErrorKind::Protocol);
        QVERIFY2(malformed.error().message.contains(QStringLiteral("CONFIRM")), qPrintable(malformed.error().message));
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
