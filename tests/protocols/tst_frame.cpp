// Frame encoding and decoding (docs/protocol.md §2).
#include "frame.h"

#include <QRandomGenerator>
#include <QTest>

using namespace piton;

namespace {
Frame makeFrame(quint8 cmd, quint16 seq, QByteArray payload, quint8 flags = 0, quint8 status = 0)
{
    Frame f;
    f.command = cmd;
    f.sequence = seq;
    f.flags = flags;
    f.status = status;
    f.payload = std::move(payload);
    return f;
}

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QRandomGenerator gen(seed);
    QByteArray b(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = char(gen.bounded(256));
    return b;
}

void compareFrames(const Frame &a, const Frame &b)
{
    QCOMPARE(a.command, b.command);
    QCOMPARE(a.sequence, b.sequence);
    QCOMPARE(a.flags, b.flags);
    QCOMPARE(a.status, b.status);
    QCOMPARE(a.payload, b.payload);
}
} // namespace

class TestFrame : public QObject {
    Q_OBJECT
private slots:
    void crcCheckValue()
    {
        QCOMPARE(frameCrc32(QByteArrayView("123456789")), quint32(0xCBF43926));
        QCOMPARE(frameCrc32(QByteArrayView()), quint32(0));
    }

    void encodedLayout()
    {
        const QByteArray bytes = encodeFrame(makeFrame(0x10, 0x1234, QByteArray("\xAA\xBB\xCC", 3), 1, 4));
        QCOMPARE(bytes.size(), 3 + 16);
        QCOMPARE(quint8(bytes[0]), quint8(0x50));
        QCOMPARE(quint8(bytes[1]), quint8(0x54));
        QCOMPARE(quint8(bytes[2]), quint8(1));
        QCOMPARE(quint8(bytes[3]), quint8(0x10));
        QCOMPARE(quint8(bytes[4]), quint8(0x34)); // sequence little-endian
        QCOMPARE(quint8(bytes[5]), quint8(0x12));
        QCOMPARE(quint8(bytes[6]), quint8(1));
        QCOMPARE(quint8(bytes[7]), quint8(4));
        QCOMPARE(bytes.mid(8, 4), QByteArray("\x03\x00\x00\x00", 4));
        QCOMPARE(bytes.mid(12, 3), QByteArray("\xAA\xBB\xCC", 3));
        // The CRC covers header and payload and is stored little-endian.
        const quint32 crc = frameCrc32(QByteArrayView(bytes.constData(), 15));
        const quint32 stored = quint32(quint8(bytes[15])) | quint32(quint8(bytes[16])) << 8
                               | quint32(quint8(bytes[17])) << 16 | quint32(quint8(bytes[18])) << 24;
        QCOMPARE(stored, crc);
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("0") << 0;
        QTest::newRow("1") << 1;
        QTest::newRow("1024") << 1024;
        QTest::newRow("65536") << 65536;
    }
    void roundTrip()
    {
        QFETCH(int, size);
        const Frame in = makeFrame(0x31, quint16(size * 7 + 3), randomBytes(size, quint32(size) + 1), 1, 0);
        FrameDecoder dec;
        dec.feed(encodeFrame(in));
        std::optional<Frame> out = dec.next();
        QVERIFY(out.has_value());
        compareFrames(*out, in);
        QVERIFY(!dec.next().has_value());
        QCOMPARE(dec.discardedBytes(), quint64(0));
        QCOMPARE(dec.pendingBytes(), qsizetype(0));
    }

    void byteByByte()
    {
        const Frame a = makeFrame(0x01, 7, randomBytes(300, 9));
        const Frame b = makeFrame(0x02, 8, QByteArray(), 1, 3);
        const QByteArray stream = encodeFrame(a) + encodeFrame(b);
        FrameDecoder dec;
        QList<Frame> got;
        for (qsizetype i = 0; i < stream.size(); ++i) {
            dec.feed(QByteArrayView(stream.constData() + i, 1));
            while (std::optional<Frame> f = dec.next())
                got.append(*f);
            if (i == encodeFrame(a).size() - 2)
                QCOMPARE(got.size(), 0); // one byte short of the first frame
        }
        QCOMPARE(got.size(), 2);
        compareFrames(got[0], a);
        compareFrames(got[1], b);
        QCOMPARE(dec.discardedBytes(), quint64(0));
    }

    void garbageBeforeFrame()
    {
        // Garbage including a lone 'P' and a fake magic with a bad version.
        const QByteArray garbage("\x00\x13PxP\x54\x07zzzz", 11);
        const Frame a = makeFrame(0x03, 99, QByteArray("regions"), 1);
        FrameDecoder dec;
        dec.feed(garbage + encodeFrame(a));
        std::optional<Frame> out = dec.next();
        QVERIFY(out.has_value());
        compareFrames(*out, a);
        QCOMPARE(dec.discardedBytes(), quint64(garbage.size()));
        QVERIFY(!dec.next().has_value());
    }

    void flippedCrcThenGoodFrame()
    {
        const Frame bad = makeFrame(0x10, 1, randomBytes(64, 3), 1);
        const Frame good = makeFrame(0x10, 2, randomBytes(64, 4), 1);
        QByteArray badBytes = encodeFrame(bad);
        badBytes[badBytes.size() - 2] = char(badBytes[badBytes.size() - 2] ^ 0x40);
        FrameDecoder dec;
        dec.feed(badBytes + encodeFrame(good));
        std::optional<Frame> out = dec.next();
        QVERIFY(out.has_value());
        compareFrames(*out, good);
        QCOMPARE(dec.discardedBytes(), quint64(badBytes.size()));
        QCOMPARE(dec.rejectedFrames(), quint64(1));
        QVERIFY(!dec.next().has_value());
    }

    void corruptedPayloadDoesNotSwallowNextFrame()
    {
        // The corrupted frame's length field claims more bytes than it has: the decoder must not
        // wait for them forever once the CRC fails, and must find the next frame inside.
        const Frame good = makeFrame(0x02, 5, QByteArray("info"), 1);
        QByteArray bad = encodeFrame(makeFrame(0x02, 4, QByteArray(10, 'x'), 1));
        bad[8] = char(20); // length 20 instead of 10: the candidate extends into the good frame
        const QByteArray tail = encodeFrame(good) + QByteArray(16, '\0');
        FrameDecoder dec;
        dec.feed(bad + tail);
        std::optional<Frame> out = dec.next();
        QVERIFY(out.has_value());
        compareFrames(*out, good);
        QCOMPARE(dec.discardedBytes(), quint64(bad.size()));
    }

    void lengthAboveMaxRejected()
    {
        const Frame big = makeFrame(0x10, 1, QByteArray(2000, 'a'), 1);
        const Frame small = makeFrame(0x10, 2, QByteArray(100, 'b'), 1);
        const QByteArray bigBytes = encodeFrame(big);
        FrameDecoder dec(1024);
        dec.feed(bigBytes + encodeFrame(small));
        std::optional<Frame> out = dec.next();
        QVERIFY(out.has_value());
        compareFrames(*out, small);
        QCOMPARE(dec.discardedBytes(), quint64(bigBytes.size()));
        QVERIFY(dec.rejectedFrames() >= 1);

        // Raising the maximum accepts it.
        dec.setMaxPayload(4096);
        dec.feed(bigBytes);
        out = dec.next();
        QVERIFY(out.has_value());
        compareFrames(*out, big);
    }

    void reservedFlagRejected()
    {
        const Frame f = makeFrame(0x01, 1, QByteArray("x"), 0x05); // bit 2: reserved (bit 1 = sealed)
        const Frame good = makeFrame(0x01, 2, QByteArray("y"), 0x01);
        FrameDecoder dec;
        dec.feed(encodeFrame(f) + encodeFrame(good));
        std::optional<Frame> out = dec.next();
        QVERIFY(out.has_value());
        compareFrames(*out, good);
        QCOMPARE(dec.rejectedFrames(), quint64(1));
    }

    void dropPartial()
    {
        const QByteArray bytes = encodeFrame(makeFrame(0x01, 1, QByteArray(50, 'z'), 1));
        FrameDecoder dec;
        dec.feed(bytes.left(30));
        QVERIFY(!dec.next().has_value());
        QCOMPARE(dec.pendingBytes(), qsizetype(30));
        dec.dropPartial();
        QCOMPARE(dec.pendingBytes(), qsizetype(0));
        QCOMPARE(dec.discardedBytes(), quint64(30));
        // The rest of the dropped frame is garbage now; the next whole frame decodes.
        dec.feed(bytes.mid(30) + bytes);
        std::optional<Frame> out = dec.next();
        QVERIFY(out.has_value());
        QCOMPARE(out->payload, QByteArray(50, 'z'));
        QCOMPARE(dec.discardedBytes(), quint64(30 + bytes.size() - 30));
    }

    void manyFramesRandomSplits()
    {
        QList<Frame> frames;
        QByteArray stream;
        for (int i = 0; i < 50; ++i) {
            frames.append(makeFrame(quint8(i), quint16(i * 3), randomBytes(i * 37 % 700, quint32(i)), 1));
            stream += encodeFrame(frames.last());
        }
        QRandomGenerator gen(42);
        FrameDecoder dec;
        QList<Frame> got;
        qsizetype pos = 0;
        while (pos < stream.size()) {
            const qsizetype n = std::min<qsizetype>(stream.size() - pos, gen.bounded(1, 200));
            dec.feed(QByteArrayView(stream.constData() + pos, n));
            pos += n;
            while (std::optional<Frame> f = dec.next())
                got.append(*f);
        }
        QCOMPARE(got.size(), frames.size());
        for (int i = 0; i < frames.size(); ++i)
            compareFrames(got[i], frames[i]);
    }
};

QTEST_APPLESS_MAIN(TestFrame)
#include "tst_frame.moc"
