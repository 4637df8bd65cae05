// Unit tests: Image, the Intel HEX, S-record, ELF, DfuSe/DFU and UF2 readers, the DfuSe writer,
// loadImage. Oracles: srec_cat, arm-none-eabi-objcopy/ld, dfu-suffix, dfuse-pack (dfu-util).
#include "board/board_profile.h"
#include "image/dfu_file.h"
#include "image/elf_image.h"
#include "image/image.h"
#include "image/image_file.h"
#include "image/uf2_file.h"
#include "image/intel_hex.h"
#include "image/srecord.h"
#include "test_boards.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace piton;

namespace {

// A base address for raw binaries: stm32f4-ref's deployment region (tests/test_boards.h).
const quint32 kBinaryBase = piton::test::regionAddress(QStringLiteral("stm32f4-ref"), QStringLiteral("deployment"));

const QString kCorpus = QStringLiteral(PITON_CORPUS_DIR);
const QString kSrecCat = QStringLiteral(PITON_SREC_CAT);
const QString kMicrobit = kCorpus + QStringLiteral("/microbit-micropython-1.0.1.hex");
const QString kHackrfDfu = kCorpus + QStringLiteral("/hackrf_one_usb.dfu");
const QString kObjcopy = QStringLiteral(PITON_ARM_OBJCOPY);
const QString kArmLd = QStringLiteral(PITON_ARM_LD);
const QString kDfuSuffix = QStringLiteral(PITON_DFU_SUFFIX);
const QString kDfusePack = QStringLiteral(PITON_DFUSE_PACK);

/** An Intel HEX record with its checksum computed here. */
QByteArray hexRecord(quint8 type, quint16 offset, const QByteArray &data)
{
    QByteArray raw;
    raw.append(char(data.size())).append(char(offset >> 8)).append(char(offset & 0xFF)).append(char(type));
    raw.append(data);
    quint8 sum = 0;
    for (char c : raw)
        sum = quint8(sum + quint8(c));
    raw.append(char(quint8(0x100 - sum)));
    return ':' + raw.toHex().toUpper() + '\n';
}

/** An S-record of `type` with a `addressBytes`-byte address. */
QByteArray sRecord(char type, int addressBytes, quint32 address, const QByteArray &data)
{
    QByteArray raw;
    raw.append(char(addressBytes + data.size() + 1));
    for (int i = addressBytes - 1; i >= 0; --i)
        raw.append(char((address >> (8 * i)) & 0xFF));
    raw.append(data);
    quint32 sum = 0;
    for (char c : raw)
        sum += quint8(c);
    raw.append(char(~sum & 0xFF));
    return QByteArray("S") + type + raw.toHex().toUpper() + '\n';
}

Result<Image> parseHex(const QByteArray &text, const QString &name = QStringLiteral("test.hex"))
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    return readIntelHex(buffer, name);
}

Result<Image> parseSrec(const QByteArray &text, const QString &name = QStringLiteral("test.srec"))
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    return readSRecord(buffer, name);
}

/** Runs srec_cat with `args`; fails the test on error. */
bool runSrecCat(const QStringList &args)
{
    QProcess p;
    p.start(kSrecCat, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << "srec_cat" << args << "failed:" << p.readAllStandardError();
        return false;
    }
    return true;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/** Runs a tool; its exit code (-1 when it did not run), stdout+stderr in `output`. */
int runTool(const QString &program, const QStringList &args, QByteArray *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return -1;
    const QByteArray out = p.readAll();
    if (output)
        *output = out;
    if (p.exitCode() != 0)
        qWarning() << program << args << "exited" << p.exitCode() << out;
    return p.exitCode();
}

QByteArray pattern(int size, int seed)
{
    QByteArray b(size, '\0');
    for (int i = 0; i < size; ++i)
        b[i] = char((i * 31 + seed) ^ (i >> 7));
    return b;
}

/** One 512-byte UF2 block, written from the format description (microsoft/uf2 README). */
QByteArray uf2Block(quint32 flags, quint32 address, const QByteArray &payload, quint32 number, quint32 count, quint32 family)
{
    QByteArray b(512, '\0');
    auto put = [&b](int at, quint32 v) {
        for (int i = 0; i < 4; ++i)
            b[at + i] = char((v >> (8 * i)) & 0xFF);
    };
    put(0, 0x0A324655);
    put(4, 0x9E5D5157);
    put(8, flags);
    put(12, address);
    put(16, quint32(payload.size()));
    put(20, number);
    put(24, count);
    put(28, family);
    std::copy(payload.cbegin(), payload.cend(), b.begin() + 32);
    put(508, 0x0AB16F30);
    return b;
}

/** The image as a UF2 file of 256-byte payloads (what uf2conv.py writes), family `family`. */
QByteArray uf2File(const Image &image, quint32 family)
{
    QList<QPair<quint32, QByteArray>> chunks;
    for (const Segment &s : image.segments())
        for (qsizetype at = 0; at < s.data.size(); at += 256)
            chunks.append({quint32(s.address + at), s.data.mid(at, 256)});
    QByteArray out;
    for (int i = 0; i < chunks.size(); ++i)
        out += uf2Block(0x2000, chunks[i].first, chunks[i].second, quint32(i), quint32(chunks.size()), family);
    return out;
}

Error loadError(const QString &path, std::optional<quint32> base = {})
{
    auto r = loadImage(path, base);
    return r ? Error() : r.error();
}

/** Writes `bytes` to a file called `name`, loads it, expects a Format error "<path>: ...words...". */
void expectFormatError(const QString &name, const QByteArray &bytes, const QString &words)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    QVERIFY(writeFile(path, bytes));
    const Error e = loadError(path);
    QCOMPARE(e.kind, ErrorKind::Format);
    QVERIFY2(e.message.startsWith(path + QStringLiteral(": ")) && e.message.contains(words), qPrintable(e.message));
}

} // namespace

class TestImage : public QObject {
    Q_OBJECT
private slots:
    void addSegmentMergesAndSorts()
    {
        Image img;
        QVERIFY(img.addSegment(0x1010, QByteArray(0x10, 'b')).ok());
        QVERIFY(img.addSegment(0x1000, QByteArray(0x10, 'a')).ok()); // touches: merged in front
        QVERIFY(img.addSegment(0x1030, QByteArray(4, 'c')).ok());    // gap
        QCOMPARE(img.segments().size(), 2);
        QCOMPARE(img.segments()[0].address, 0x1000u);
        QCOMPARE(img.segments()[0].data, QByteArray(0x10, 'a') + QByteArray(0x10, 'b'));
        QVERIFY(img.addSegment(0x1020, QByteArray(0x10, 'x')).ok()); // fills the gap exactly
        QCOMPARE(img.segments().size(), 1);
        QCOMPARE(img.byteCount(), 0x34);
        QCOMPARE(img.lowestAddress(), 0x1000u);
        QCOMPARE(img.highestAddressExclusive(), quint64(0x1034));
    }

    void addSegmentRefusesOverlap()
    {
        Image img;
        QVERIFY(img.addSegment(0x2000, QByteArray(16, 'a')).ok());
        auto r = img.addSegment(0x1ff8, QByteArray(16, 'b'));
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Format);
        QVERIFY2(r.error().message.contains(QStringLiteral("0x00002000")), qPrintable(r.error().message));
        QVERIFY(!img.addSegment(0x200f, QByteArray(1, 'c')));
        QVERIFY(img.addSegment(0x2010, QByteArray(1, 'c')).ok());
        QVERIFY(!img.addSegment(0xFFFFFFF0u, QByteArray(0x20, 'd'))); // past 4 GiB
    }

    void flattenAndCrop()
    {
        Image img;
        QVERIFY(img.addSegment(0x100, QByteArray("AB")).ok());
        QVERIFY(img.addSegment(0x104, QByteArray("CD")).ok());
        QCOMPARE(img.flatten(), QByteArray("AB\xff\xff" "CD"));
        QCOMPARE(img.flatten(0x00), QByteArray("AB\0\0CD", 6));
        const Image c = img.cropped(0x101, 0x105);
        QCOMPARE(c.segments().size(), 2);
        QCOMPARE(c.segments()[0].address, 0x101u);
        QCOMPARE(c.segments()[0].data, QByteArray("B"));
        QCOMPARE(c.segments()[1].data, QByteArray("C"));
        QVERIFY(img.cropped(0x200, 0x300).isEmpty());
    }

    void intelHexAddressing()
    {
        // 04: linear base; 02: segment base with wrap inside the 64 KiB segment; 05/03 start.
        QByteArray text = hexRecord(0x04, 0, QByteArray::fromHex("0800")) +
                          hexRecord(0x00, 0x0010, QByteArray::fromHex("01020304")) +
                          hexRecord(0x05, 0, QByteArray::fromHex("08000101")) +
                          hexRecord(0x02, 0, QByteArray::fromHex("1000")) +
                          hexRecord(0x00, 0xFFFE, QByteArray::fromHex("AABBCCDD")) +
                          hexRecord(0x01, 0, {});
        auto r = parseHex(text);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        const auto segs = r->segments();
        QCOMPARE(segs.size(), 3);
        QCOMPARE(segs[0].address, 0x10000u); // 0x1000 * 16 + wrapped part
        QCOMPARE(segs[0].data, QByteArray::fromHex("CCDD"));
        QCOMPARE(segs[1].address, 0x1FFFEu);
        QCOMPARE(segs[1].data, QByteArray::fromHex("AABB"));
        QCOMPARE(segs[2].address, 0x08000010u);
        QCOMPARE(segs[2].data, QByteArray::fromHex("01020304"));
        QCOMPARE(r->startAddress(), std::optional<quint32>(0x08000101u));
    }

    void intelHexMalformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        const QByteArray ok1 = hexRecord(0x00, 0x0000, QByteArray::fromHex("00112233"));
        const QByteArray ok2 = hexRecord(0x00, 0x0004, QByteArray::fromHex("44556677"));
        const QByteArray eof = hexRecord(0x01, 0, {});
        QByteArray badSum = hexRecord(0x00, 0x0010, QByteArray::fromHex("0102"));
        badSum[badSum.size() - 2] = badSum[badSum.size() - 2] == '0' ? '1' : '0';
        QByteArray badDigit = hexRecord(0x00, 0x0010, QByteArray::fromHex("0102"));
        badDigit[9] = 'G';
        const QByteArray truncated = hexRecord(0x00, 0x0010, QByteArray::fromHex("01020304")).left(15) + '\n';
        QByteArray longer = hexRecord(0x00, 0x0010, QByteArray::fromHex("0102"));
        longer.insert(longer.size() - 1, "00");
        QTest::newRow("bad checksum") << ok1 + ok2 + badSum + eof << 3 << QStringLiteral("checksum");
        QTest::newRow("unknown type") << ok1 + hexRecord(0x06, 0, QByteArray::fromHex("00")) + eof << 2
                                      << QStringLiteral("unknown record type 0x06");
        QTest::newRow("bad digit") << ok1 + badDigit + eof << 2 << QStringLiteral("hex digit 'G'");
        QTest::newRow("truncated") << ok1 + ok2 + truncated + eof << 3 << QStringLiteral("truncated");
        QTest::newRow("too long") << ok1 + longer + eof << 2 << QStringLiteral("bad length");
        QTest::newRow("bad 04 length") << hexRecord(0x04, 0, QByteArray::fromHex("000000")) + eof << 1
                                       << QStringLiteral("bad length");
        QTest::newRow("overlap") << ok1 + ok2 + hexRecord(0x00, 0x0006, QByteArray::fromHex("AABB")) + eof << 3
                                 << QStringLiteral("overlaps");
        QTest::newRow("data after EOF") << ok1 + eof + ok2 << 3 << QStringLiteral("after the end-of-file");
        QTest::newRow("no colon") << ok1 + "10000000\n" + eof << 2 << QStringLiteral("':'");
    }

    void intelHexMalformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, words);
        auto r = parseHex(text, QStringLiteral("broken.hex"));
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Format);
        const QString msg = r.error().message;
        QVERIFY2(msg.startsWith(QStringLiteral("broken.hex:%1: ").arg(line)), qPrintable(msg));
        QVERIFY2(msg.contains(words), qPrintable(msg));
    }

    void srecordParsesAndChecksCount()
    {
        QByteArray text = sRecord('0', 2, 0, "hdr") + sRecord('1', 2, 0x1000, QByteArray::fromHex("0102")) +
                          sRecord('2', 3, 0x123456, QByteArray::fromHex("AA")) +
                          sRecord('3', 4, 0x08000000, QByteArray::fromHex("BBCC")) + sRecord('5', 2, 3, {}) +
                          sRecord('7', 4, 0x08000004, {});
        auto r = parseSrec(text);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->segments().size(), 3);
        QCOMPARE(r->segments()[1].address, 0x123456u);
        QCOMPARE(r->segments()[2].data, QByteArray::fromHex("BBCC"));
        QCOMPARE(r->startAddress(), std::optional<quint32>(0x08000004u));
    }

    void srecordMalformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        const QByteArray d1 = sRecord('1', 2, 0x0000, QByteArray::fromHex("00112233"));
        const QByteArray d2 = sRecord('1', 2, 0x0004, QByteArray::fromHex("4455"));
        const QByteArray end = sRecord('9', 2, 0, {});
        QByteArray badSum = d2;
        badSum[badSum.size() - 2] = badSum[badSum.size() - 2] == '0' ? '1' : '0';
        QByteArray badDigit = d2;
        badDigit[5] = 'z';
        QTest::newRow("bad checksum") << d1 + badSum + end << 2 << QStringLiteral("checksum");
        QTest::newRow("unknown type") << d1 + sRecord('4', 2, 0, {}) + end << 2 << QStringLiteral("unknown record type S4");
        QTest::newRow("bad digit") << d1 + badDigit + end << 2 << QStringLiteral("hex digit 'z'");
        QTest::newRow("truncated") << d1 + d2.left(8) + '\n' + end << 2 << QStringLiteral("truncated");
        QTest::newRow("overlap") << d1 + sRecord('1', 2, 0x0002, QByteArray::fromHex("AA")) + end << 2
                                 << QStringLiteral("overlaps");
        QTest::newRow("wrong count") << d1 + d2 + sRecord('5', 2, 3, {}) + end << 3 << QStringLiteral("record count");
        QTest::newRow("data after end") << d1 + end + d2 << 3 << QStringLiteral("after the termination");
    }

    void srecordMalformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, words);
        auto r = parseSrec(text, QStringLiteral("broken.s19"));
        QVERIFY(!r);
        const QString msg = r.error().message;
        QVERIFY2(msg.startsWith(QStringLiteral("broken.s19:%1: ").arg(line)), qPrintable(msg));
        QVERIFY2(msg.contains(words), qPrintable(msg));
    }

    // A missing end record is a warning, not an error (what srec_cat and objcopy read).
    void missingEndRecordIsAWarning()
    {
        const QByteArray d = sRecord('1', 2, 0x0100, QByteArray::fromHex("01020304"));
        auto srec = parseSrec(d + sRecord('5', 2, 1, {}), QStringLiteral("open.s19"));
        QVERIFY2(srec.ok(), qPrintable(srec.error().message));
        QCOMPARE(srec->byteCount(), 4);
        QVERIFY(!srec->startAddress());
        QCOMPARE(srec->warnings().size(), 1);
        QVERIFY2(srec->warnings().first().startsWith(QStringLiteral("open.s19:2: no termination record")),
                 qPrintable(srec->warnings().first()));
        auto hex = parseHex(hexRecord(0x00, 0x0010, QByteArray::fromHex("AABB")), QStringLiteral("open.hex"));
        QVERIFY2(hex.ok(), qPrintable(hex.error().message));
        QCOMPARE(hex->lowestAddress(), 0x10u);
        QCOMPARE(hex->warnings().size(), 1);
        QVERIFY2(hex->warnings().first().startsWith(QStringLiteral("open.hex:1: no end-of-file record")),
                 qPrintable(hex->warnings().first()));
        // Complete files carry no warning.
        auto closed = parseSrec(d + sRecord('9', 2, 0x0100, {}));
        QVERIFY(closed.ok());
        QVERIFY(closed->warnings().isEmpty());
        QCOMPARE(closed->startAddress(), std::optional<quint32>(0x0100));
    }

    // Files as srec_cat 1.64 writes them: S-records without termination record (from a HEX
    // without start address), S5 and S6 count records, HEX with record 05 and 03.
    void readsWhatSrecCatWrites()
    {
        if (kSrecCat.isEmpty())
            QSKIP("srec_cat not found (Debian package srecord)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray payload;
        for (int i = 0; i < 300; ++i)
            payload.append(char(i * 7 + 3));
        const QString bin = dir.filePath(QStringLiteral("app.bin"));
        {
            QFile f(bin);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(payload);
        }
        // HEX without a start address, then S-records from it: srec_cat writes S0, S3, S5, no S7.
        const QString hex = dir.filePath(QStringLiteral("app.hex"));
        const QString srec = dir.filePath(QStringLiteral("app.srec"));
        QVERIFY(runSrecCat({bin, QStringLiteral("-binary"), QStringLiteral("-offset"), QStringLiteral("0x08000000"),
                            QStringLiteral("-o"), hex, QStringLiteral("-intel")}));
        QVERIFY(runSrecCat({hex, QStringLiteral("-intel"), QStringLiteral("-o"), srec, QStringLiteral("-motorola")}));
        const QByteArray srecText = readAll(srec);
        QVERIFY(srecText.contains("\nS5"));
        QVERIFY(!srecText.contains("\nS7") && !srecText.contains("\nS8") && !srecText.contains("\nS9"));
        auto fromSrec = loadImage(srec);
        QVERIFY2(fromSrec.ok(), qPrintable(fromSrec.error().message));
        QCOMPARE(fromSrec->lowestAddress(), 0x08000000u);
        QCOMPARE(fromSrec->flatten(), payload);
        QVERIFY(!fromSrec->startAddress());
        QCOMPARE(fromSrec->warnings().size(), 1);
        QVERIFY2(fromSrec->warnings().first().contains(QStringLiteral("no termination record")),
                 qPrintable(fromSrec->warnings().first()));
        auto fromHex = loadImage(hex);
        QVERIFY2(fromHex.ok(), qPrintable(fromHex.error().message));
        QVERIFY(fromHex->warnings().isEmpty());
        QVERIFY(*fromHex == *fromSrec);

        // With a start address: HEX record 05 and S7.
        const QString hex05 = dir.filePath(QStringLiteral("start.hex"));
        const QString srec7 = dir.filePath(QStringLiteral("start.srec"));
        const QStringList withStart = {bin, QStringLiteral("-binary"), QStringLiteral("-offset"), QStringLiteral("0x08000000"),
                                       QStringLiteral("-execution-start-address=0x08000101")};
        QVERIFY(runSrecCat(withStart + QStringList{QStringLiteral("-o"), hex05, QStringLiteral("-intel")}));
        QVERIFY(runSrecCat(withStart + QStringList{QStringLiteral("-o"), srec7, QStringLiteral("-motorola")}));
        QVERIFY(readAll(hex05).contains(":04000005"));
        QVERIFY(readAll(srec7).contains("\nS7"));
        for (const QString &path : {hex05, srec7}) {
            auto image = loadImage(path);
            QVERIFY2(image.ok(), qPrintable(image.error().message));
            QCOMPARE(image->flatten(), payload);
            QCOMPARE(image->startAddress(), std::optional<quint32>(0x08000101u));
            QVERIFY2(image->warnings().isEmpty(), qPrintable(image->warnings().join('\n')));
        }

        // Segmented HEX (-address-length=3): records 02 and 03. srec_cat writes CS:IP as the
        // address's upper and lower 16 bits but reads them back, as objcopy does and the Intel
        // spec says, as CS * 16 + IP: 0002:1234 is 0x1254.
        const QString hex03 = dir.filePath(QStringLiteral("seg.hex"));
        QVERIFY(runSrecCat({bin, QStringLiteral("-binary"), QStringLiteral("-offset"), QStringLiteral("0x21000"),
                            QStringLiteral("-execution-start-address=0x21234"), QStringLiteral("-o"), hex03,
                            QStringLiteral("-intel"), QStringLiteral("-address-length=3")}));
        QVERIFY(readAll(hex03).contains(":0400000300021234"));
        auto seg = loadImage(hex03);
        QVERIFY2(seg.ok(), qPrintable(seg.error().message));
        QCOMPARE(seg->lowestAddress(), 0x21000u);
        QCOMPARE(seg->flatten(), payload);
        QCOMPARE(seg->startAddress(), std::optional<quint32>(0x1254u));

        // More than 65535 data records: S6 (24-bit count).
        const QString many = dir.filePath(QStringLiteral("many.srec"));
        QByteArray big(70000, '\0');
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char(i ^ (i >> 8));
        const QString bigBin = dir.filePath(QStringLiteral("big.bin"));
        {
            QFile f(bigBin);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(big);
        }
        QVERIFY(runSrecCat({bigBin, QStringLiteral("-binary"), QStringLiteral("-o"), many, QStringLiteral("-motorola"),
                            QStringLiteral("-obs=1")}));
        QVERIFY(readAll(many).contains("\nS6"));
        auto counted = loadImage(many);
        QVERIFY2(counted.ok(), qPrintable(counted.error().message));
        QCOMPARE(counted->flatten(), big);
    }

    void microbitMatchesSrecCat()
    {
        if (kSrecCat.isEmpty())
            QSKIP("srec_cat not found (Debian package srecord)");
        if (!QFile::exists(kMicrobit))
            QSKIP("corpus image missing");
        auto image = loadImage(kMicrobit);
        QVERIFY2(image.ok(), qPrintable(image.error().message));
        QVERIFY(image->byteCount() > 200000);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Main range: everything below 0x10000000 (the UICR record lies above).
        const Image main = image->cropped(0, 0x10000000);
        const QString zeroBin = dir.filePath(QStringLiteral("main0.bin"));
        QVERIFY(runSrecCat({kMicrobit, QStringLiteral("-intel"), QStringLiteral("-crop"), QStringLiteral("0"),
                            QStringLiteral("0x10000000"), QStringLiteral("-o"), zeroBin, QStringLiteral("-binary")}));
        // srec_cat's binary output starts at address 0 and fills gaps with 0x00.
        const QByteArray oracle0 = readAll(zeroBin);
        QCOMPARE(quint64(oracle0.size()), main.highestAddressExclusive());
        QCOMPARE(main.flatten(0x00), oracle0.mid(main.lowestAddress()));

        // The same with gaps filled by 0xFF, as the package builder does.
        const QString ffBin = dir.filePath(QStringLiteral("mainff.bin"));
        QVERIFY(runSrecCat({kMicrobit, QStringLiteral("-intel"), QStringLiteral("-crop"), QStringLiteral("0"),
                            QStringLiteral("0x10000000"), QStringLiteral("-fill"), QStringLiteral("0xFF"),
                            QStringLiteral("-over"), QStringLiteral("("), kMicrobit, QStringLiteral("-intel"),
                            QStringLiteral("-crop"), QStringLiteral("0"), QStringLiteral("0x10000000"),
                            QStringLiteral(")"), QStringLiteral("-o"), ffBin, QStringLiteral("-binary")}));
        QCOMPARE(main.flatten(0xFF), readAll(ffBin).mid(main.lowestAddress()));

        // The far record (nRF51 UICR) and its bytes.
        const Image far = image->cropped(0x10000000, 0x100000000ull);
        QVERIFY(!far.isEmpty());
        const QString farBin = dir.filePath(QStringLiteral("far.bin"));
        QVERIFY(runSrecCat({kMicrobit, QStringLiteral("-intel"), QStringLiteral("-crop"),
                            QStringLiteral("0x10000000"), QStringLiteral("0x20000000"), QStringLiteral("-offset"),
                            QStringLiteral("-0x10000000"), QStringLiteral("-o"), farBin, QStringLiteral("-binary")}));
        QCOMPARE(far.flatten(0x00), readAll(farBin).mid(far.lowestAddress() - 0x10000000));
        QCOMPARE(image->byteCount(), main.byteCount() + far.byteCount());
    }

    void microbitAsSRecordEqualsHex()
    {
        if (kSrecCat.isEmpty())
            QSKIP("srec_cat not found (Debian package srecord)");
        if (!QFile::exists(kMicrobit))
            QSKIP("corpus image missing");
        QTemporaryDir dir;
        const QString srec = dir.filePath(QStringLiteral("microbit.srec"));
        QVERIFY(runSrecCat({kMicrobit, QStringLiteral("-intel"), QStringLiteral("-o"), srec, QStringLiteral("-motorola")}));
        auto fromHex = loadImage(kMicrobit);
        auto fromSrec = loadImage(srec);
        QVERIFY2(fromHex.ok(), qPrintable(fromHex.error().message));
        QVERIFY2(fromSrec.ok(), qPrintable(fromSrec.error().message));
        QCOMPARE(fromSrec->segments().size(), fromHex->segments().size());
        QVERIFY(*fromSrec == *fromHex);
    }

    void rawBinaryNeedsBase()
    {
        const QString bin = kCorpus + QStringLiteral("/hackrf_one_usb.bin");
        if (!QFile::exists(bin))
            QSKIP("corpus image missing");
        auto noBase = loadImage(bin);
        QVERIFY(!noBase);
        QCOMPARE(noBase.error().kind, ErrorKind::Usage);
        QVERIFY2(noBase.error().message.contains(QStringLiteral("base address")), qPrintable(noBase.error().message));
        auto withBase = loadImage(bin, kBinaryBase);
        QVERIFY2(withBase.ok(), qPrintable(withBase.error().message));
        QCOMPARE(withBase->lowestAddress(), kBinaryBase);
        QCOMPARE(withBase->flatten(), readAll(bin));
        auto baseForHex = loadImage(kMicrobit, 0x1000u);
        QVERIFY(!baseForHex);
        QCOMPARE(baseForHex.error().kind, ErrorKind::Usage);
        auto missing = loadImage(QStringLiteral("/nonexistent/x.hex"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::Io);
        // The caller's way of giving the address is named.
        auto named = loadImage(bin, std::nullopt, QStringLiteral("--application-base"));
        QVERIFY(!named);
        QVERIFY2(named.error().message.contains(QStringLiteral("with --application-base ADDRESS")), qPrintable(named.error().message));
        QVERIFY2(!noBase.error().message.contains(QStringLiteral("--")), qPrintable(noBase.error().message));
    }

    // A directory is named as such (not as a raw binary without a base address), whatever its
    // name's extension.
    void directoryIsNamed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("withBase");
        QTest::newRow("no extension") << QStringLiteral("images") << false;
        QTest::newRow("no extension, base") << QStringLiteral("images") << true;
        QTest::newRow(".hex") << QStringLiteral("app.hex") << false;
        QTest::newRow(".srec") << QStringLiteral("app.srec") << false;
    }
    void directoryIsNamed()
    {
        QFETCH(QString, name);
        QFETCH(bool, withBase);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QVERIFY(QDir().mkdir(path));
        auto r = loadImage(path, withBase ? std::optional<quint32>(kBinaryBase) : std::nullopt);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Io);
        QCOMPARE(r.error().message, path + QStringLiteral(" is a directory, not an image file"));
    }

    // Files that hold no bytes to program are damaged input (Format), named as such.
    void noDataRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty .bin") << QStringLiteral("e.bin") << QByteArray() << QStringLiteral("the file is empty");
        QTest::newRow("empty .hex") << QStringLiteral("e.hex") << QByteArray() << QStringLiteral("the file is empty");
        QTest::newRow("empty .srec") << QStringLiteral("e.srec") << QByteArray() << QStringLiteral("the file is empty");
        QTest::newRow("hex, end record only") << QStringLiteral("eof.hex") << QByteArray(":00000001FF\n") << QStringLiteral("no data records");
        QTest::newRow("srec, header and end only") << QStringLiteral("eof.s19") << QByteArray("S0030000FC\nS9030000FC\n")
                                                   << QStringLiteral("no data records");
    }
    void noDataRefused()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(content), content.size());
        f.close();
        const bool raw = imageFormatForPath(path) == ImageFileFormat::Binary;
        auto r = loadImage(path, raw ? std::optional<quint32>(kBinaryBase) : std::nullopt);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Format);
        QCOMPARE(r.error().message, QStringLiteral("%1 holds no data (%2)").arg(path, why));
    }
};


// ---- ELF -------------------------------------------------------------------------------------

/** Links two binary blobs into an ARM ELF: .text at 0x08000000 (LMA = VMA), .data run at
 *  0x20000000 but loaded at 0x08001000 (LMA != VMA), and a .bss without file bytes. */
static bool linkElf(const QTemporaryDir &dir, const QByteArray &text, const QByteArray &data, QString *elf)
{
    const QString t = dir.filePath(QStringLiteral("text.bin")), d = dir.filePath(QStringLiteral("data.bin"));
    if (!writeFile(t, text) || !writeFile(d, data))
        return false;
    const QString to = dir.filePath(QStringLiteral("text.o")), dobj = dir.filePath(QStringLiteral("data.o"));
    const QString script = dir.filePath(QStringLiteral("link.ld"));
    if (!writeFile(script, "SECTIONS {\n"
                           "  .text 0x08000000 : { *text.o(.data) }\n"
                           "  .data 0x20000000 : AT(0x08001000) { *data.o(.data) }\n"
                           "  .bss (NOLOAD) : { . = . + 0x100; }\n"
                           "}\n"))
        return false;
    QDir::setCurrent(dir.path());
    *elf = dir.filePath(QStringLiteral("app.elf"));
    return runTool(kObjcopy, {QStringLiteral("-I"), QStringLiteral("binary"), QStringLiteral("-O"), QStringLiteral("elf32-littlearm"),
                              QStringLiteral("-B"), QStringLiteral("arm"), QStringLiteral("text.bin"), QStringLiteral("text.o")}) == 0 &&
           runTool(kObjcopy, {QStringLiteral("-I"), QStringLiteral("binary"), QStringLiteral("-O"), QStringLiteral("elf32-littlearm"),
                              QStringLiteral("-B"), QStringLiteral("arm"), QStringLiteral("data.bin"), QStringLiteral("data.o")}) == 0 &&
           runTool(kArmLd, {QStringLiteral("-T"), script, QStringLiteral("-e"), QStringLiteral("0x08000101"), QStringLiteral("-o"), *elf,
                            to, dobj}) == 0;
}

class TestImageFormats : public QObject {
    Q_OBJECT
private slots:
    // ELF through libelf equals what objcopy writes from the same ELF as HEX and S-record.
    void elfMatchesObjcopy()
    {
        if (kObjcopy.isEmpty() || kArmLd.isEmpty())
            QSKIP("arm-none-eabi-objcopy/ld not found (Debian package binutils-arm-none-eabi)");
        QTemporaryDir dir;
        QString elf;
        const QByteArray text = pattern(3000, 1), data = pattern(700, 2);
        QVERIFY(linkElf(dir, text, data, &elf));
        auto image = loadImage(elf);
        QVERIFY2(image.ok(), qPrintable(image.error().message));
        QCOMPARE(image->segments().size(), 2);
        QCOMPARE(image->segments()[0].address, 0x08000000u);
        QCOMPARE(image->segments()[0].data, text);
        QCOMPARE(image->segments()[1].address, 0x08001000u); // physical (load) address, not 0x20000000
        QCOMPARE(image->segments()[1].data, data);           // no .bss bytes
        QCOMPARE(image->startAddress(), std::optional<quint32>(0x08000101u));
        for (const auto &[fmt, name] : {std::pair{QStringLiteral("ihex"), QStringLiteral("oc.hex")},
                                        std::pair{QStringLiteral("srec"), QStringLiteral("oc.srec")}}) {
            const QString out = dir.filePath(name);
            QCOMPARE(runTool(kObjcopy, {QStringLiteral("-O"), fmt, elf, out}), 0);
            auto oracle = loadImage(out);
            QVERIFY2(oracle.ok(), qPrintable(oracle.error().message));
            QVERIFY(*oracle == *image);
        }
        // Content wins over the name: the same ELF called .bin is still read as ELF.
        const QString renamed = dir.filePath(QStringLiteral("app.bin"));
        QVERIFY(QFile::copy(elf, renamed));
        QCOMPARE(detectImageFormat(readAll(renamed), renamed), ImageFileFormat::Elf);
        QVERIFY(*loadImage(renamed) == *image);
        QCOMPARE(loadError(renamed, 0x1000u).kind, ErrorKind::Usage); // carries its own addresses

        // A relocatable object has no program headers; a truncated ELF; a non-ELF called .elf.
        const Error object = loadError(dir.filePath(QStringLiteral("text.o")));
        QCOMPARE(object.kind, ErrorKind::Format);
        QVERIFY2(object.message.contains(QStringLiteral("without program headers")), qPrintable(object.message));
        const QString cut = dir.filePath(QStringLiteral("cut.elf"));
        const QByteArray whole = readAll(elf);
        QVERIFY(writeFile(cut, whole.left(0x1100)));
        const Error truncated = loadError(cut);
        QCOMPARE(truncated.kind, ErrorKind::Format);
        QVERIFY2(truncated.message.startsWith(cut + QStringLiteral(": ")), qPrintable(truncated.message));
        const QString fake = dir.filePath(QStringLiteral("fake.elf"));
        QVERIFY(writeFile(fake, QByteArray(64, '\x01')));
        const Error notElf = loadError(fake);
        QCOMPARE(notElf.message, fake + QStringLiteral(": not an ELF file"));
    }

    // ---- DfuSe / DFU ---------------------------------------------------------------------

    // dfuse-pack (dfu-util's packer) writes, we read; we write, dfu-suffix checks and dfuse-pack dumps.
    void dfuSeAgainstDfuUtilTools()
    {
        if (kDfusePack.isEmpty() || kDfuSuffix.isEmpty())
            QSKIP("dfuse-pack/dfu-suffix not found (Debian package dfu-util)");
        QTemporaryDir dir;
        const QByteArray a = pattern(5000, 3), b = pattern(1234, 4);
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a.bin")), a));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b.bin")), b));
        const QString packed = dir.filePath(QStringLiteral("packed.dfu"));
        QCOMPARE(runTool(kDfusePack, {QStringLiteral("-b"), QStringLiteral("0x08000000:") + dir.filePath(QStringLiteral("a.bin")),
                                      QStringLiteral("-b"), QStringLiteral("0x08020000:") + dir.filePath(QStringLiteral("b.bin")),
                                      QStringLiteral("-D"), QStringLiteral("0x0483:0xdf11"), packed}),
                 0);
        auto file = readDfuSe(readAll(packed), packed);
        QVERIFY2(file.ok(), qPrintable(file.error().message));
        QCOMPARE(file->suffix.vendor, quint16(0x0483));
        QCOMPARE(file->suffix.product, quint16(0xdf11));
        auto image = loadImage(packed);
        QVERIFY2(image.ok(), qPrintable(image.error().message));
        Image expected;
        QVERIFY(expected.addSegment(0x08000000, a).ok());
        QVERIFY(expected.addSegment(0x08020000, b).ok());
        QVERIFY(*image == expected);

        // Our writer: dfu-suffix accepts the suffix and CRC, dfuse-pack -d lists our elements.
        const QByteArray ours = writeDfuSe(dfuSeFromImage(expected));
        const QString oursPath = dir.filePath(QStringLiteral("ours.dfu"));
        QVERIFY(writeFile(oursPath, ours));
        QByteArray out;
        QCOMPARE(runTool(kDfuSuffix, {QStringLiteral("-c"), oursPath}, &out), 0);
        QVERIFY2(out.contains("0x011A") && out.contains("0x0483") && !out.contains("does not match"), out.constData());
        QCOMPARE(runTool(kDfusePack, {QStringLiteral("-d"), oursPath}, &out), 0);
        QVERIFY2(out.contains("address: 0x08000000, size: 5000") && out.contains("address: 0x08020000, size: 1234"),
                 out.constData());
        QVERIFY2(out.contains("Internal Flash"), out.constData());
        // dfuse-pack -d dumps each element next to the file: the bytes are ours.
        QCOMPARE(readAll(oursPath + QStringLiteral(".target0.image0.bin")), a);
        QCOMPARE(readAll(oursPath + QStringLiteral(".target0.image1.bin")), b);
        // DFUImageSize is the whole file, as dfuse-pack writes it.
        QCOMPARE(qFromLittleEndian<quint32>(ours.constData() + 6), quint32(ours.size()));
        auto back = readDfuSe(ours, oursPath);
        QVERIFY(back.ok());
        QCOMPARE(back->targets.size(), 1);
        QCOMPARE(back->targets[0].name, QStringLiteral("Internal Flash"));
        QCOMPARE(back->targets[0].elements, file->targets[0].elements);
    }

    // Round trip of a real, sparse image through the writer.
    void dfuSeRoundTrip()
    {
        if (!QFile::exists(kMicrobit))
            QSKIP("corpus image missing");
        auto hex = loadImage(kMicrobit);
        QVERIFY(hex.ok());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("microbit.dfu"));
        DfuSeFile file = dfuSeFromImage(*hex, 0x1234, 0x5678, 0, QStringLiteral("Flash"));
        DfuSeTarget second;
        second.alternate = 1;
        second.elements.append(DfuSeElement{0x1FFFC000, QByteArray::fromHex("aaee")});
        file.targets.append(second);
        QVERIFY(writeFile(path, writeDfuSe(file)));
        auto read = loadImage(path);
        QVERIFY2(read.ok(), qPrintable(read.error().message));
        QCOMPARE(read->cropped(0, 0x1FFFC000), *hex);
        QCOMPARE(read->cropped(0x1FFFC000, 0x1FFFC002).flatten(), QByteArray::fromHex("aaee"));
        auto parsed = readDfuSe(readAll(path), path);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->targets.size(), 2);
        QCOMPARE(parsed->targets[1].alternate, quint8(1));
        QVERIFY(parsed->targets[1].name.isEmpty());
        QCOMPARE(parsed->suffix.vendor, quint16(0x1234));
    }

    // Damaged DfuSe files: each gets an error naming its problem.
    void dfuSeMalformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("words");
        Image img;
        QVERIFY(img.addSegment(0x08000000, pattern(100, 5)).ok());
        const QByteArray good = writeDfuSe(dfuSeFromImage(img));
        auto resuffix = [](QByteArray body) { // new valid suffix after `body`
            body.append(QByteArray::fromHex("ffff11df83041a01554644 10"));
            const quint32 crc = dfuCrc(body);
            for (int i = 0; i < 4; ++i)
                body.append(char(crc >> (8 * i)));
            return body;
        };
        const QByteArray body = good.left(good.size() - 16);
        QByteArray flipped = good;
        flipped[300] = char(flipped[300] ^ 1);
        QByteArray badSize = body;
        badSize[6] = char(badSize[6] + 1);
        QByteArray badTargetSize = body;
        badTargetSize[11 + 266] = char(badTargetSize[11 + 266] + 1);
        QByteArray badElement = body;
        badElement[11 + 274 + 4] = char(0xF0); // element size way past the end
        QByteArray badSignature = body;
        badSignature[11] = 'X';
        QTest::newRow("crc") << flipped << QStringLiteral("CRC-32 does not match");
        QTest::newRow("no suffix") << body << QStringLiteral("no DFU suffix");
        QTest::newRow("image size") << resuffix(badSize) << QStringLiteral("cut short or padded");
        QTest::newRow("target size") << resuffix(badTargetSize) << QStringLiteral("dwTargetSize");
        QTest::newRow("element") << resuffix(badElement) << QStringLiteral("element 1 of 1");
        QTest::newRow("target signature") << resuffix(badSignature) << QStringLiteral("no \"Target\" signature");
        QTest::newRow("cut") << resuffix(body.left(200)) << QStringLiteral("cut short");
    }
    void dfuSeMalformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, words);
        expectFormatError(QStringLiteral("bad.dfu"), bytes, words);
    }

    // The corpus's hackrf .dfu: plain DFU suffix, LPC prefix. Its CRC does not match its bytes;
    // dfu-suffix says so too. With a fresh suffix it reads as a raw payload needing a base.
    void hackrfPlainDfu()
    {
        if (!QFile::exists(kHackrfDfu))
            QSKIP("corpus image missing");
        const Error e = loadError(kHackrfDfu, 0x10000000u);
        QVERIFY2(e.message.contains(QStringLiteral("CRC-32 does not match")) && e.message.contains(QStringLiteral("0xe810154d")),
                 qPrintable(e.message));
        QByteArray out;
        if (!kDfuSuffix.isEmpty()) {
            QVERIFY(runTool(kDfuSuffix, {QStringLiteral("-c"), kHackrfDfu}, &out) != 0);
            QVERIFY2(out.contains("CRC does not match"), out.constData());
        }
        const QByteArray original = readAll(kHackrfDfu);
        QTemporaryDir dir;
        const QString fixed = dir.filePath(QStringLiteral("hackrf.dfu"));
        QVERIFY(writeFile(fixed, original.left(original.size() - 16)));
        if (kDfuSuffix.isEmpty())
            QSKIP("dfu-suffix not found (Debian package dfu-util)");
        QCOMPARE(runTool(kDfuSuffix, {QStringLiteral("-a"), fixed, QStringLiteral("-v"), QStringLiteral("1fc9"), QStringLiteral("-p"),
                                      QStringLiteral("000c"), QStringLiteral("-d"), QStringLiteral("0"), QStringLiteral("-S"),
                                      QStringLiteral("0x0100")}),
                 0);
        QCOMPARE(detectImageFormat(readAll(fixed), fixed), ImageFileFormat::Dfu);
        QCOMPARE(loadError(fixed).kind, ErrorKind::Usage); // no addresses in a plain DFU file
        auto image = loadImage(fixed, 0x10000000u);
        QVERIFY2(image.ok(), qPrintable(image.error().message));
        QCOMPARE(image->lowestAddress(), 0x10000000u);
        QCOMPARE(image->flatten(), original.mid(16, original.size() - 32)); // dfu-suffix rewrote the prefix to 1A 3F
        QCOMPARE(image->warnings().size(), 1);
        QVERIFY2(image->warnings().first().contains(QStringLiteral("LPC DFU prefix")), qPrintable(image->warnings().first()));
        auto plain = readPlainDfu(readAll(fixed), fixed);
        QVERIFY(plain.ok());
        QCOMPARE(plain->suffix.vendor, quint16(0x1fc9));
        QCOMPARE(plain->suffix.dfuVersion, quint16(0x0100));
    }

    // ---- UF2 -----------------------------------------------------------------------------

    void uf2ReadsAndChecksFamily()
    {
        if (!QFile::exists(kMicrobit))
            QSKIP("corpus image missing");
        auto hex = loadImage(kMicrobit);
        QVERIFY(hex.ok());
        const Image main = hex->cropped(0, 0x10000000);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("microbit.uf2"));
        QVERIFY(writeFile(path, uf2File(main, 0x57755a57)));
        auto image = loadImage(path);
        QVERIFY2(image.ok(), qPrintable(image.error().message));
        QVERIFY(*image == main);
        QCOMPARE(image->uf2Family(), std::optional<quint32>(0x57755a57u));
        BoardProfile board;
        board.id = QStringLiteral("b");
        board.uf2FamilyId = 0x57755a57u;
        QVERIFY(checkImageForBoard(*image, board, path).ok());
        board.uf2FamilyId = 0xe48bff56u; // RP2040
        auto wrong = checkImageForBoard(*image, board, path);
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().message.contains(QStringLiteral("0x57755a57")) && wrong.error().message.contains(QStringLiteral("0xe48bff56")),
                 qPrintable(wrong.error().message));
        board.uf2FamilyId.reset();
        QVERIFY(!checkImageForBoard(*image, board, path));
        QVERIFY(checkImageForBoard(*hex, board, kMicrobit).ok()); // HEX: nothing to check

        // The reference board profile names the STM32F4 family.
        auto ref = loadBoardProfile(QStringLiteral("stm32f4-ref"));
        QVERIFY2(ref.ok(), qPrintable(ref.error().message));
        QCOMPARE(ref->uf2FamilyId, std::optional<quint32>(0x57755a57u));

        // A file for two families: the board's family picks its blocks; without it, refused.
        Image other;
        QVERIFY(other.addSegment(0x10000000, pattern(600, 9)).ok());
        const QString two = dir.filePath(QStringLiteral("two.uf2"));
        QVERIFY(writeFile(two, uf2File(main, 0x57755a57) + uf2File(other, 0xe48bff56)));
        const Error both = loadError(two);
        QVERIFY2(both.message.contains(QStringLiteral("several UF2 families")), qPrintable(both.message));
        auto picked = loadImage(two, ImageLoadOptions{{}, {}, 0xe48bff56u});
        QVERIFY2(picked.ok(), qPrintable(picked.error().message));
        QVERIFY(*picked == other);
        auto none = loadImage(two, ImageLoadOptions{{}, {}, 0x12345678u});
        QVERIFY(!none);
        QVERIFY2(none.error().message.contains(QStringLiteral("no block for UF2 family 0x12345678")), qPrintable(none.error().message));

        // Blocks flagged "not main flash" are skipped.
        const QString skip = dir.filePath(QStringLiteral("skip.uf2"));
        QVERIFY(writeFile(skip, uf2Block(0x2000, 0x100, "AB", 0, 1, 7) + uf2Block(0x2001, 0x200, "CD", 0, 1, 7)));
        auto skipped = loadImage(skip);
        QVERIFY(skipped.ok());
        QCOMPARE(skipped->byteCount(), 2);
    }

    void uf2Malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("words");
        const QByteArray b0 = uf2Block(0x2000, 0x1000, pattern(256, 1), 0, 2, 7);
        const QByteArray b1 = uf2Block(0x2000, 0x1100, pattern(256, 2), 1, 2, 7);
        QByteArray badEnd = b1;
        badEnd[510] = 0;
        QTest::newRow("trailing bytes") << b0 + b1 + "xyz" << QStringLiteral("3 bytes left over");
        QTest::newRow("missing block") << b0 << QStringLiteral("block 1 of 2 is missing");
        QTest::newRow("repeated block") << b0 + b0 << QStringLiteral("appears twice");
        QTest::newRow("bad magic") << b0 + badEnd << QStringLiteral("block 1 (offset 512): bad UF2 magic");
        QTest::newRow("payload") << uf2Block(0x2000, 0, {}, 0, 1, 7).replace(16, 4, QByteArray::fromHex("dd010000"))
                                 << QStringLiteral("payload size 477");
        QTest::newRow("number") << uf2Block(0x2000, 0, "x", 3, 2, 7) << QStringLiteral("not below the block count");
        QTest::newRow("container") << uf2Block(0x1000, 0, "x", 0, 1, 7) << QStringLiteral("file container");
        QTest::newRow("overlap") << uf2Block(0x2000, 0x1000, pattern(256, 1), 0, 2, 7) + uf2Block(0x2000, 0x10F0, "xx", 1, 2, 7)
                                 << QStringLiteral("overlaps");
    }
    void uf2Malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, words);
        expectFormatError(QStringLiteral("bad.uf2"), bytes, words);
    }

    // HEX and S-record text under another name is recognised by content; unknown bytes stay raw.
    void detectsByContent()
    {
        QCOMPARE(detectImageFormat(":020000040800F2\n", QStringLiteral("x.txt")), ImageFileFormat::IntelHex);
        QCOMPARE(detectImageFormat("S00600004844521B\n", QStringLiteral("x.txt")), ImageFileFormat::SRecord);
        QCOMPARE(detectImageFormat(QByteArray("\x00\x01:", 3), QStringLiteral("x.bin")), ImageFileFormat::Binary);
        QCOMPARE(detectImageFormat(QByteArray(10, 'x'), QStringLiteral("x.uf2")), ImageFileFormat::Uf2); // its reader complains
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestImage a;
    TestImageFormats b;
    return QTest::qExec(&a, argc, argv) | QTest::qExec(&b, argc, argv);
}
#include "test_image.moc"
