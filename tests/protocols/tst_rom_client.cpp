// RomClient (AN3155) against a scripted link: the bytes it sends, and how it takes ACK, NACK,
// silence and garbage. The end-to-end check against the emulated ROM is tests/vboard/rom_test.py.
#include "link.h"
#include "rom_client.h"

#include <QTest>
#include <QThread>

#include <utility>

using namespace piton;

namespace {

/** Answers each write() with the next scripted reply (none left: silence). */
class ScriptLink : public Link {
public:
    QList<QByteArray> replies;
    QList<QByteArray> writes;
    QStringList events;        ///< modem steps and writes, in order
    bool hasModemLines = true;
    bool instant = false;      ///< silence costs no real time (a fake clock counts it)
    Result<void> open() override { return {}; }
    void close() override {}
    bool isOpen() const override { return true; }
    Result<void> write(const QByteArray &bytes) override
    {
        writes.append(bytes);
        events.append(QString::fromLatin1(bytes.toHex()));
        if (!replies.isEmpty())
            m_pending += replies.takeFirst();
        return {};
    }
    Result<QByteArray> read(int timeoutMs) override
    {
        if (m_pending.isEmpty()) {
            if (!instant)
                QThread::msleep(quint64(qMin(timeoutMs, 20)));
            return QByteArray();
        }
        return std::exchange(m_pending, QByteArray());
    }
    QString describe() const override { return QStringLiteral("script"); }
    Result<void> setModemSignal(ModemSignal signal, bool asserted) override
    {
        if (!hasModemLines)
            return Link::setModemSignal(signal, asserted);
        events.append(QStringLiteral("%1%2").arg(asserted ? "" : "-", signal == ModemSignal::Dtr ? "dtr" : "rts"));
        return {};
    }
    quint32 preferredMaxPayload() const override { return 256; }

private:
    QByteArray m_pending;
};

const QByteArray kAck("\x79", 1);
const QByteArray kNack("\x1f", 1);

} // namespace

class TestRomClient : public QObject {
    Q_OBJECT
private slots:
    // stm32flash -i: the entry sequence comes before the first 0x7F, the exit sequence after
    // Go's ACK; a link without modem lines is refused with what to do instead.
    void modemSequences()
    {
        ScriptLink link;
        link.replies = {kAck, kAck, kAck};
        RomClient rom(link);
        rom.setModemSequences({{ModemSignal::Rts, true}, {ModemSignal::Dtr, true}, {ModemSignal::Dtr, false}},
                              {{ModemSignal::Rts, false}, {ModemSignal::Dtr, true}, {ModemSignal::Dtr, false}});
        QVERIFY(rom.connect().ok());
        QVERIFY(rom.go(0x08000000).ok());
        QCOMPARE(link.events, (QStringList{"rts", "dtr", "-dtr", "7f", "21de", "0800000008", "-rts", "dtr", "-dtr"}));

        ScriptLink none;
        none.hasModemLines = false;
        RomClient plain(none);
        plain.setModemSequences({{ModemSignal::Rts, true}}, {});
        auto r = plain.connect();
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Link);
        QVERIFY2(r.error().message.contains(QLatin1String("set BOOT0 high and press reset")), qPrintable(r.error().message));
        QVERIFY(none.writes.isEmpty()); // no 0x7F sent
    }

    void synchronise()
    {
        ScriptLink link;
        link.replies = {kAck};
        RomClient rom(link);
        QVERIFY(rom.synchronise().ok());
        QCOMPARE(link.writes, QList<QByteArray>{QByteArray("\x7f")});
        // NACK: the ROM was already synchronised (its 0x7F taken as a command byte)
        link.replies = {kNack};
        QVERIFY(rom.synchronise().ok());
        // silence: four tries, then a message that says what to do
        link.writes.clear();
        auto r = rom.synchronise();
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Timeout);
        QVERIFY2(r.error().message.contains(QStringLiteral("set BOOT0 high")), qPrintable(r.error().message));
        QCOMPARE(link.writes.size(), 4);
    }

    void info()
    {
        ScriptLink link;
        link.replies = {kAck + QByteArray::fromHex("0b310001021121314463738292") + kAck,
                        kAck + QByteArray::fromHex("01041379")};
        RomClient rom(link);
        auto i = rom.info();
        QVERIFY2(i.ok(), qPrintable(i.error().message));
        QCOMPARE(i->version, quint8(0x31));
        QCOMPARE(i->commands, QByteArray::fromHex("0001021121314463738292"));
        QCOMPARE(i->pid, quint16(0x0413));
        QVERIFY(i->chip);
        QCOMPARE(i->chip->flashSize(), quint64(1024 * 1024));
        QCOMPARE(i->chip->sectorOf(0x08004000), std::optional<int>(1));
        QCOMPARE(i->chip->sectorOf(0x080FFFFF), std::optional<int>(11));
        QCOMPARE(i->chip->sectorOf(0x08100000), std::nullopt);
        QCOMPARE(i->chip->sectorStart(5), 0x08020000u);
        QCOMPARE(link.writes.value(0), QByteArray::fromHex("00ff"));
        QCOMPARE(link.writes.value(1), QByteArray::fromHex("02fd"));
    }

    void writePadsAndChecksums()
    {
        ScriptLink link;
        link.replies = {kAck, kAck, kAck};
        RomClient rom(link);
        QVERIFY(rom.write(0x08000000, QByteArray::fromHex("aabbcc")).ok());
        QCOMPARE(link.writes.value(0), QByteArray::fromHex("31ce"));
        QCOMPARE(link.writes.value(1), QByteArray::fromHex("0800000008"));
        // N-1 = 3, data padded with 0xFF, XOR of 03 aa bb cc ff
        QCOMPARE(link.writes.value(2), QByteArray::fromHex("03aabbccff") + char(0x03 ^ 0xaa ^ 0xbb ^ 0xcc ^ 0xff));
    }

    void eraseFrames()
    {
        ScriptLink link;
        link.replies = {kAck, kAck, kAck, kAck};
        RomClient rom(link);
        QVERIFY(rom.eraseSectors({6, 7}).ok());
        QCOMPARE(link.writes.value(0), QByteArray::fromHex("44bb"));
        QCOMPARE(link.writes.value(1), QByteArray::fromHex("000100060007") + char(0x01 ^ 0x06 ^ 0x07));
        QVERIFY(rom.massErase().ok());
        QCOMPARE(link.writes.value(3), QByteArray::fromHex("ffff00"));
    }

    void nackAndGarbage()
    {
        ScriptLink link;
        link.replies = {kNack};
        RomClient rom(link);
        auto r = rom.read(0x08000000, 16);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Device);
        QVERIFY2(r.error().message.contains(QStringLiteral("refused Read Memory at 0x08000000 (NACK)")),
                 qPrintable(r.error().message));
        link.replies = {QByteArray("\x42")};
        auto g = rom.go(0x08000000);
        QVERIFY(!g);
        QCOMPARE(g.error().kind, ErrorKind::Protocol);
    }

    // A READ whose address the ROM took as command bytes (its partial command dropped): NACK,
    // and a second NACK still on the line. Asking again at once reads that stale NACK;
    // resynchronise() drains it, feeds 0xFF until NACK, checks with Get Version, and the READ
    // asked again then succeeds.
    void resynchronise()
    {
        const QByteArray data("\x42\x43\x44\x45", 4);
        const QByteArray version = kAck + QByteArray("\x31\x00\x00", 3) + kAck;
        ScriptLink stale;
        stale.replies = {kAck, kNack + kNack, kAck, kAck, kAck + data};
        RomClient plain(stale);
        QCOMPARE(plain.read(0x08004000, 4).error().kind, ErrorKind::Device);
        auto again = plain.read(0x08004000, 4);
        QVERIFY2(!again && again.error().message.contains(QStringLiteral("NACK")), "the stale NACK answers the retry");

        ScriptLink link;
        link.replies = {kAck, kNack + kNack, QByteArray(), kNack, version, kAck, kAck, kAck + data};
        RomClient rom(link);
        QCOMPARE(rom.read(0x08004000, 4).error().kind, ErrorKind::Device);
        QVERIFY(rom.resynchronise().ok());
        auto r = rom.read(0x08004000, 4);
        QVERIFY2(r.ok(), r ? "" : qPrintable(r.error().message));
        QCOMPARE(*r, data);
        QStringList sent;
        for (const QByteArray &w : link.writes)
            sent << QString::fromLatin1(w.toHex());
        QCOMPARE(sent, (QStringList{"11ee", "0800400048", "ff", "ff", "01fe", "11ee", "0800400048", "03fc"}));

        // A late NACK with a 0xFF pending behind it: Get Version is refused, 0xFF goes on.
        ScriptLink late;
        late.replies = {kNack, kNack, kNack, version};
        RomClient rom2(late);
        QVERIFY(rom2.resynchronise().ok());
        QCOMPARE(late.writes.size(), 4);
        QCOMPARE(late.writes.at(1).toHex(), QByteArray("01fe"));
        QCOMPARE(late.writes.at(3).toHex(), QByteArray("01fe"));
    }

    // A ROM that never answers: resynchronise() gives up after its 20 s (on a fake clock).
    void resynchroniseGivesUp()
    {
        ScriptLink link;
        link.instant = true;
        RomClient rom(link);
        qint64 now = 0;
        rom.setClock([&now] { return now += 5; }, [&now](int ms) { now += ms; });
        auto r = rom.resynchronise();
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Timeout);
        QVERIFY2(r.error().message.contains(QStringLiteral("BOOT0 high")), qPrintable(r.error().message));
        QVERIFY(now >= 20000 && now < 23000);
        QVERIFY(link.writes.size() > 10);
        for (const QByteArray &w : link.writes)
            QCOMPARE(w.toHex(), QByteArray("ff"));
    }

    void limitsSendNothing()
    {
        ScriptLink link;
        RomClient rom(link);
        QCOMPARE(rom.read(0x08000000, 0).error().kind, ErrorKind::Usage);
        QCOMPARE(rom.read(0x08000000, 257).error().kind, ErrorKind::Usage);
        QCOMPARE(rom.write(0x08000002, QByteArray(4, 0)).error().kind, ErrorKind::Usage);
        QCOMPARE(rom.write(0x08000000, QByteArray(257, 0)).error().kind, ErrorKind::Usage);
        QCOMPARE(rom.eraseSectors({}).error().kind, ErrorKind::Usage);
        QVERIFY(link.writes.isEmpty());
        QVERIFY(!romChipForPid(0x0410));
    }
};

QTEST_GUILESS_MAIN(TestRomClient)
#include "tst_rom_client.moc"
