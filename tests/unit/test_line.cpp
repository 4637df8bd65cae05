// Unit tests of line mode's domain (core/line, docs/line-mode.md): identifier pools (counter
// formats, MAC ranges, lists, exhaustion), recipe parsing (bad recipes give clear errors), and
// the database: migrations, release, allocation that never gives a value twice even with
// several connections allocating at once, failed-identifier policies, interrupted attempts.
#include "line/identifier_pool.h"
#include "line/line_database.h"
#include "line/recipe.h"
#include "line/station.h"
#include "line/thread_priority.h"
#include "usb_devices.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QScopeGuard>

#include <atomic>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace piton;
using namespace piton::line;

namespace {

const QString kFakeSha = QString(64, QLatin1Char('a'));

QJsonObject baseRecipe()
{
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("piton-recipe/1")},
        {QStringLiteral("name"), QStringLiteral("sensor")},
        {QStringLiteral("version"), QStringLiteral("2")},
        {QStringLiteral("board"), QStringLiteral("stm32f4-ref")},
        {QStringLiteral("packages"), QJsonArray{QJsonObject{{QStringLiteral("file"), QStringLiteral("app.ptpkg")},
                                                            {QStringLiteral("sha256"), kFakeSha}}}},
        {QStringLiteral("pools"),
         QJsonObject{{QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")},
                                                            {QStringLiteral("format"), QStringLiteral("PT-{yyyy}-{seq:06}")}}},
                     {QStringLiteral("mac"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mac")},
                                                         {QStringLiteral("first"), QStringLiteral("02:00:00:00:00:fe")},
                                                         {QStringLiteral("last"), QStringLiteral("02:00:00:00:01:ff")}}}}},
        {QStringLiteral("config"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("serial")}, {QStringLiteral("pool"), QStringLiteral("serial")}},
                                              QJsonObject{{QStringLiteral("key"), QStringLiteral("net.mac")}, {QStringLiteral("pool"), QStringLiteral("mac")}},
                                              QJsonObject{{QStringLiteral("key"), QStringLiteral("net.dhcp")}, {QStringLiteral("value"), QStringLiteral("1")}}}},
        {QStringLiteral("steps"), QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("deploy")}, {QStringLiteral("retries"), 2}},
                                             QJsonObject{{QStringLiteral("step"), QStringLiteral("config")}},
                                             QJsonObject{{QStringLiteral("step"), QStringLiteral("verify")}}}},
    };
}

Result<Recipe> parse(const QJsonObject &o, const QString &dir = QStringLiteral("."))
{
    return Recipe::parse(QJsonDocument(o).toJson(), dir);
}

/** A recipe whose only config entry comes from `pool` (given as JSON). */
Recipe recipeWithPool(const QString &key, const QJsonObject &pool, const QString &dir)
{
    QJsonObject o = baseRecipe();
    o.insert(QStringLiteral("pools"), QJsonObject{{QStringLiteral("p"), pool}});
    o.insert(QStringLiteral("config"), QJsonArray{QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("pool"), QStringLiteral("p")}}});
    auto r = parse(o, dir);
    if (!r)
        qFatal("recipeWithPool: %s", qPrintable(r.error().message));
    return *r;
}

/** Adds to `o` a list pool "lot" read from `file` (whose bytes are `list`, pinned by SHA-256) and
 *  a config entry user.lot taken from it. */
void addLotPool(QJsonObject &o, const QString &file, const QByteArray &list)
{
    QJsonObject pools = o.value(QStringLiteral("pools")).toObject();
    pools.insert(QStringLiteral("lot"), QJsonObject{{QStringLiteral("type"), QStringLiteral("list")}, {QStringLiteral("file"), file},
                                                    {QStringLiteral("sha256"), QString::fromLatin1(QCryptographicHash::hash(list, QCryptographicHash::Sha256).toHex())}});
    o.insert(QStringLiteral("pools"), pools);
    QJsonArray cfg = o.value(QStringLiteral("config")).toArray();
    cfg.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("user.lot")}, {QStringLiteral("pool"), QStringLiteral("lot")}});
    o.insert(QStringLiteral("config"), cfg);
}

} // namespace

class LineTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString dbUrl(const QString &name) const { return QStringLiteral("sqlite:") + m_dir.filePath(name); }
    bool writeFile(const QString &name, const QByteArray &bytes) const
    {
        QFile f(m_dir.filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

    /** Unit + running attempt for `uidHex` in `db`, ready for allocate(). */
    AttemptStart newAttempt(LineDatabase &db, qint64 recipeId, const Recipe &r, const QString &uidHex, qint64 stationId)
    {
        auto unit = db.unit(r.board, uidHex);
        if (!unit)
            qFatal("unit: %s", qPrintable(unit.error().message));
        auto a = db.startAttempt(*unit, stationId, QStringLiteral("tcp:127.0.0.1:1"), QStringLiteral("op"), recipeId, r.sha256(),
                                 r.failedIdentifiers, kFakeSha, QStringLiteral("0.1.0"));
        if (!a)
            qFatal("startAttempt: %s", qPrintable(a.error().message));
        return *a;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The slot threads' priority (thread_priority.h): the nice step of the calling thread only,
    // per thread on Linux; PITON_LINE_SLOT_NICE read at each call, out-of-range values ignored.
    void slotThreadPriority()
    {
        const QByteArray saved = qgetenv("PITON_LINE_SLOT_NICE");
        const auto restore = qScopeGuard([saved] {
            if (saved.isNull())
                qunsetenv("PITON_LINE_SLOT_NICE");
            else
                qputenv("PITON_LINE_SLOT_NICE", saved);
        });
        qunsetenv("PITON_LINE_SLOT_NICE");
        QCOMPARE(line::slotNiceIncrement(), line::DefaultSlotNice);
        qputenv("PITON_LINE_SLOT_NICE", "3");
        QCOMPARE(line::slotNiceIncrement(), 3);
        qputenv("PITON_LINE_SLOT_NICE", "0");
        QCOMPARE(line::slotNiceIncrement(), 0);
        for (const char *bad : {"20", "-1", "ten", ""}) {
            qputenv("PITON_LINE_SLOT_NICE", bad);
            QCOMPARE(line::slotNiceIncrement(), line::DefaultSlotNice);
        }
#ifdef Q_OS_LINUX
        const int mine = ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
        int before = -100, after = -100, again = -100;
        QThread *worker = QThread::create([&] {
            const auto tid = id_t(::syscall(SYS_gettid));
            before = ::getpriority(PRIO_PROCESS, tid);
            after = line::lowerThreadPriority(4);
            again = ::getpriority(PRIO_PROCESS, tid);
        });
        worker->start();
        QVERIFY(worker->wait(10000));
        delete worker;
        QCOMPARE(after, qMin(19, before + 4));
        QCOMPARE(again, after);
        QCOMPARE(::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid))), mine); // this thread untouched
        QCOMPARE(line::lowerThreadPriority(0), mine);
#endif
    }

    // --- pools -----------------------------------------------------------------------------

    void counterFormats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<quint64>("seq");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<quint64>("maxSeq");
        QTest::newRow("issue example") << "PT-{yyyy}-{seq:06}" << quint64(42) << "PT-2026-000042" << quint64(999999);
        QTest::newRow("0N width") << "SN{seq:08}" << quint64(7) << "SN00000007" << quint64(99999999);
        QTest::newRow("no width") << "X{seq}" << quint64(123456789) << "X123456789" << quint64(999999999999999999ull);
        QTest::newRow("base 36") << "AB-{seq36:4}" << quint64(36 * 36 + 35) << "AB-010Z" << quint64(36 * 36 * 36 * 36 - 1);
        QTest::newRow("dates") << "{yy}{mm}{dd}W{ww}-{seq:3}" << quint64(5) << "261204W49-005" << quint64(999);
        QTest::newRow("alphanumeric prefix, width 1") << "Lot7-B{seq:1}" << quint64(9) << "Lot7-B9" << quint64(9);
    }
    void counterFormats()
    {
        QFETCH(QString, format);
        QFETCH(quint64, seq);
        QFETCH(QString, expected);
        QFETCH(quint64, maxSeq);
        auto f = CounterFormat::parse(format);
        QVERIFY2(f, qPrintable(f.error().message));
        QCOMPARE(f->format(seq, QDate(2026, 12, 4)), expected);
        QCOMPARE(f->maxSeq(), maxSeq);
    }

    void badCounterFormats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no seq") << "PT-{yyyy}" << "exactly one {seq";
        QTest::newRow("two seq") << "{seq}-{seq}" << "has 2";
        QTest::newRow("unknown") << "PT-{serial}" << "unknown placeholder {serial}";
        QTest::newRow("unclosed") << "PT-{seq" << "is not closed";
        QTest::newRow("stray close") << "PT}-{seq}" << "closes no placeholder";
        QTest::newRow("width 0") << "{seq:0}" << "width of {seq:0} must be 1..18";
        QTest::newRow("width 19") << "{seq:19}" << "must be 1..18";
        QTest::newRow("seq36 without width") << "{seq36}" << "needs a width";
        QTest::newRow("control char") << "PT\t{seq}" << "printable ASCII";
    }
    void badCounterFormats()
    {
        QFETCH(QString, format);
        QFETCH(QString, problem);
        auto f = CounterFormat::parse(format);
        QVERIFY(!f);
        QCOMPARE(f.error().kind, ErrorKind::Usage);
        QVERIFY2(f.error().message.contains(problem), qPrintable(f.error().message));
    }

    void macAddresses()
    {
        QCOMPARE(*parseMac(QStringLiteral("02:00:00:12:34:56")), 0x020000123456ull);
        QCOMPARE(*parseMac(QStringLiteral("0A-0b-0C-0d-0E-0f")), 0x0A0B0C0D0E0Full);
        QCOMPARE(formatMac(0x0200000000ffull + 1), QStringLiteral("02:00:00:00:01:00")); // carries into the next byte
        for (const char *bad : {"02:00:00:12:34", "02:00:00:12:34:5g", "0200.0012.3456", ""})
            QVERIFY2(!parseMac(QString::fromLatin1(bad)), bad);
        const QString msg = parseMac(QStringLiteral("nope")).error().message;
        QVERIFY2(msg.contains(QStringLiteral("'nope' is not a MAC address")), qPrintable(msg));
        // Multicast first address and reversed ranges are refused by the pool.
        auto multicast = PoolSpec::fromJson(QStringLiteral("m"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mac")},
                                                                              {QStringLiteral("first"), QStringLiteral("01:00:5e:00:00:00")},
                                                                              {QStringLiteral("last"), QStringLiteral("01:00:5e:00:00:ff")}},
                                            QStringLiteral("."));
        QVERIFY(!multicast);
        QVERIFY2(multicast.error().message.contains(QStringLiteral("multicast")), qPrintable(multicast.error().message));
        auto reversed = PoolSpec::fromJson(QStringLiteral("m"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mac")},
                                                                            {QStringLiteral("first"), QStringLiteral("02:00:00:00:00:09")},
                                                                            {QStringLiteral("last"), QStringLiteral("02:00:00:00:00:01")}},
                                           QStringLiteral("."));
        QVERIFY(!reversed);
        QVERIFY2(reversed.error().message.contains(QStringLiteral("first is above last")), qPrintable(reversed.error().message));
    }

    // Fuzzing finding (docs/fuzzing.md): a negative or huge "last" (or "first") of a counter
    // pool was converted to an integer before its range was checked (undefined behaviour).
    void counterBoundsOutOfRange()
    {
        for (const double bad : {-999999.0, -1.0, 1e300, 0.5}) {
            for (const char *field : {"first", "last"}) {
                auto pool = PoolSpec::fromJson(QStringLiteral("serial"),
                                               QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")},
                                                           {QStringLiteral("format"), QStringLiteral("SN-{seq:6}")},
                                                           {QString::fromLatin1(field), bad}},
                                               QStringLiteral("."));
                QVERIFY2(!pool, field);
                QVERIFY2(pool.error().message.contains(QStringLiteral("whole numbers >= 0")), qPrintable(pool.error().message));
            }
        }
    }

    void identifierLists()
    {
        auto ok = parseIdentifierList("# customer lot 7\nA-1\n\n  A-2  \r\nA-3");
        QVERIFY2(ok, qPrintable(ok.error().message));
        QCOMPARE(*ok, (QStringList{QStringLiteral("A-1"), QStringLiteral("A-2"), QStringLiteral("A-3")}));
        auto dup = parseIdentifierList("A-1\nA-2\nA-1\n");
        QVERIFY(!dup);
        QCOMPARE(dup.error().message, QStringLiteral("line 3: 'A-1' is a duplicate of line 1"));
        QVERIFY(!parseIdentifierList("# only a comment\n\n"));
        QVERIFY(parseIdentifierList(QByteArray(129, 'x')).error().message.contains(QStringLiteral("line 1: identifier longer than 128")));
        QVERIFY(parseIdentifierList("ok\nbad\x01value\n").error().message.contains(QStringLiteral("line 2: control character")));
    }

    void listPoolPinnedBySha()
    {
        const QByteArray list = "L-001\nL-002\n";
        QVERIFY(writeFile(QStringLiteral("pinned.txt"), list));
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(list, QCryptographicHash::Sha256).toHex());
        QJsonObject def{{QStringLiteral("type"), QStringLiteral("list")}, {QStringLiteral("file"), QStringLiteral("pinned.txt")},
                        {QStringLiteral("sha256"), sha}};
        auto pool = PoolSpec::fromJson(QStringLiteral("lot"), def, m_dir.path());
        QVERIFY2(pool, qPrintable(pool.error().message));
        QCOMPARE(pool->values, (QStringList{QStringLiteral("L-001"), QStringLiteral("L-002")}));
        def.insert(QStringLiteral("sha256"), kFakeSha);
        auto changed = PoolSpec::fromJson(QStringLiteral("lot"), def, m_dir.path());
        QVERIFY(!changed);
        QCOMPARE(changed.error().kind, ErrorKind::Verify);
        QVERIFY2(changed.error().message.contains(QStringLiteral("the recipe pins ") + kFakeSha), qPrintable(changed.error().message));
    }

    // --- recipes ---------------------------------------------------------------------------

    void recipeRoundTripAndHash()
    {
        auto r = parse(baseRecipe());
        QVERIFY2(r, qPrintable(r.error().message));
        QCOMPARE(r->steps.size(), 3);
        QCOMPARE(r->steps[0].retries, 2);
        QCOMPARE(r->failedIdentifiers, FailedIdentifierPolicy::Void);
        // The canonical form parses to the same recipe and the same hash; any change changes it.
        auto again = parse(r->toJson());
        QVERIFY(again);
        QCOMPARE(again->sha256(), r->sha256());
        QJsonObject changed = baseRecipe();
        changed.insert(QStringLiteral("version"), QStringLiteral("3"));
        QVERIFY(parse(changed)->sha256() != r->sha256());
        QCOMPARE(r->sha256().size(), 64);
    }

    // Shifts for the report: parsing, refusals, and which shift a time falls in (local time;
    // a night shift after midnight counts for the day it began).
    void shifts()
    {
        auto list = Shift::parseList(QStringLiteral("early=06:00-14:00,late=14:00-22:00,night=22:00-06:00"));
        QVERIFY2(list, qPrintable(list.error().message));
        QCOMPARE(list->size(), 3);
        const auto at = [](int day, int h, int m) { return QDateTime(QDate(2026, 12, day), QTime(h, m)).toMSecsSinceEpoch(); };
        QCOMPARE(Shift::label(*list, at(4, 6, 0)), QStringLiteral("2026-12-04 early"));
        QCOMPARE(Shift::label(*list, at(4, 13, 59)), QStringLiteral("2026-12-04 early"));
        QCOMPARE(Shift::label(*list, at(4, 14, 0)), QStringLiteral("2026-12-04 late"));
        QCOMPARE(Shift::label(*list, at(4, 23, 10)), QStringLiteral("2026-12-04 night"));
        QCOMPARE(Shift::label(*list, at(5, 2, 30)), QStringLiteral("2026-12-04 night"));
        auto unnamed = Shift::parseList(QStringLiteral("08:00-16:00"));
        QVERIFY(unnamed);
        QCOMPARE(Shift::label(*unnamed, at(4, 9, 0)), QStringLiteral("2026-12-04 08:00-16:00"));
        QCOMPARE(Shift::label(*unnamed, at(4, 17, 0)), QStringLiteral("2026-12-04 (no shift)"));
        for (const auto &[text, problem] : {std::pair{"a=06:00-14:00,b=13:59-20:00", "shifts 'a' and 'b' overlap"},
                                            std::pair{"a=06:00-06:00", "is empty"},
                                            std::pair{"a=6-14", "use HH:MM-HH:MM"},
                                            std::pair{"a=25:00-26:00", "use HH:MM-HH:MM"},
                                            std::pair{"a=01:00-02:00,a=03:00-04:00", "given twice"},
                                            std::pair{"", "no shift given"}}) {
            auto bad = Shift::parseList(QString::fromLatin1(text));
            QVERIFY2(!bad, text);
            QVERIFY2(bad.error().message.contains(QLatin1String(problem)), qPrintable(bad.error().message));
        }
    }

    // Barcode pools: the pattern matches the whole code.
    void barcodePattern()
    {
        auto pool = PoolSpec::fromJson(QStringLiteral("scan"), QJsonObject{{QStringLiteral("type"), QStringLiteral("barcode")},
                                                                          {QStringLiteral("pattern"), QStringLiteral("SN-[0-9]{4}")}},
                                       QStringLiteral("."));
        QVERIFY2(pool, qPrintable(pool.error().message));
        QVERIFY(pool->checkBarcode(QStringLiteral("SN-0042")));
        QVERIFY(!pool->checkBarcode(QStringLiteral("SN-00421")));
        QVERIFY(!pool->checkBarcode(QStringLiteral("xSN-0042")));
        QVERIFY(!pool->checkBarcode(QString()));
        QVERIFY(pool->checkBarcode(QStringLiteral("SN-1")).error().message.contains(QStringLiteral("does not match the pattern 'SN-[0-9]{4}'")));
        auto plain = PoolSpec::fromJson(QStringLiteral("scan"), QJsonObject{{QStringLiteral("type"), QStringLiteral("barcode")}}, QStringLiteral("."));
        QVERIFY(plain);
        QVERIFY(plain->checkBarcode(QStringLiteral("ANY-code_1")));
        QVERIFY(!plain->checkBarcode(QStringLiteral("two words")));
    }

    void badRecipes_data()
    {
        QTest::addColumn<QString>("path");   // "key" or "key/index/field" to change
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("problem");
        QTest::newRow("format tag") << "format" << QJsonValue(QStringLiteral("piton-recipe/9")) << "'format' must be \"piton-recipe/1\"";
        QTest::newRow("unknown key") << "colour" << QJsonValue(QStringLiteral("red")) << "unknown key 'colour'";
        QTest::newRow("no board") << "board" << QJsonValue(QString()) << "'board' must be a board id";
        QTest::newRow("bad sha") << "packages" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("file"), QStringLiteral("a")}, {QStringLiteral("sha256"), QStringLiteral("12")}}})
                                 << "packages[0]: 'sha256' must be 64 hex digits";
        QTest::newRow("unknown step") << "steps" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("flash")}}})
                                      << "steps[0]: unknown step 'flash'";
        QTest::newRow("step after lock") << "steps" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("lock")}},
                                                                             QJsonObject{{QStringLiteral("step"), QStringLiteral("config")}}})
                                         << "steps[1] (config): only 'reboot' may follow 'lock'";
        QTest::newRow("lock twice") << "steps" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("lock")}},
                                                                        QJsonObject{{QStringLiteral("step"), QStringLiteral("lock")}}})
                                    << "the board is locked once";
        QTest::newRow("bad barcode pattern") << "pools" << QJsonValue(QJsonObject{{QStringLiteral("scan"), QJsonObject{{QStringLiteral("type"), QStringLiteral("barcode")}, {QStringLiteral("pattern"), QStringLiteral("SN-[0-9")}}}})
                                             << "pool 'scan': the pattern 'SN-[0-9' is not a valid regular expression";
        QTest::newRow("lock retried") << "steps" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("lock")}, {QStringLiteral("retries"), 1}}})
                                      << "not safe to repeat and is never retried";
        QTest::newRow("retries range") << "steps" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("deploy")}, {QStringLiteral("retries"), 9}}})
                                       << "retries must be 0..5";
        QTest::newRow("no steps") << "steps" << QJsonValue(QJsonArray{}) << "'steps' is missing or empty";
        QTest::newRow("backup without dir") << "steps" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("backup")}}})
                                            << "needs 'dir'";
        QTest::newRow("unknown pool") << "config" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("serial")}, {QStringLiteral("pool"), QStringLiteral("nope")}}})
                                      << "config[0] (serial): no pool 'nope'";
        QTest::newRow("value and pool") << "config" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("serial")}, {QStringLiteral("pool"), QStringLiteral("serial")}, {QStringLiteral("value"), QStringLiteral("x")}}})
                                        << "give either 'value' or 'pool'";
        QTest::newRow("key twice") << "config" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("net.dhcp")}, {QStringLiteral("value"), QStringLiteral("1")}},
                                                                        QJsonObject{{QStringLiteral("key"), QStringLiteral("net.dhcp")}, {QStringLiteral("value"), QStringLiteral("0")}}})
                                   << "key 'net.dhcp' is written twice";
        QTest::newRow("bad constant") << "config" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("net.dhcp")}, {QStringLiteral("value"), QStringLiteral("yes")}}})
                                      << "config[0]: config key 'net.dhcp': must be 0 or 1, is 'yes'";
        QTest::newRow("mac pool on serial key is fine, serial too long is not")
            << "pools" << QJsonValue(QJsonObject{{QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")}, {QStringLiteral("format"), QStringLiteral("VERY-LONG-PREFIX-FOR-A-SERIAL-{seq:09}")}}},
                                                 {QStringLiteral("mac"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mac")}, {QStringLiteral("first"), QStringLiteral("02:00:00:00:00:00")}, {QStringLiteral("last"), QStringLiteral("02:00:00:00:00:01")}}}})
            << "pool 'serial' makes values like 'VERY-LONG-PREFIX-FOR-A-SERIAL-999999999'";
        QTest::newRow("counter range beyond width")
            << "pools" << QJsonValue(QJsonObject{{QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")}, {QStringLiteral("format"), QStringLiteral("S{seq:3}")}, {QStringLiteral("last"), 1000}}}})
            << "last 1000 does not fit the format 'S{seq:3}' (at most 999)";
        QTest::newRow("unknown pool type")
            << "pools" << QJsonValue(QJsonObject{{QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("qr")}}}})
            << "unknown type 'qr'";
        QTest::newRow("policy") << "failedIdentifiers" << QJsonValue(QStringLiteral("reuse")) << "'failedIdentifiers' must be";
        QTest::newRow("not json") << "" << QJsonValue() << "not JSON";
    }
    void badRecipes()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, problem);
        Result<Recipe> r = Error::make(ErrorKind::None, {});
        if (path.isEmpty()) {
            r = Recipe::parse("{\"format\": \"piton-recipe/1\",", QStringLiteral("."));
        } else {
            QJsonObject o = baseRecipe();
            o.insert(path, value);
            r = parse(o);
        }
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(problem), qPrintable(r.error().message));
    }

    // The station's credential in the recipe: optional, relative to the recipe's folder, part
    // of the hash only when given; an empty one is refused.
    void recipeCredential()
    {
        QJsonObject o = baseRecipe();
        auto without = parse(o, QStringLiteral("/srv/line"));
        QVERIFY(without);
        QVERIFY(without->credentialPath().isEmpty());
        QVERIFY(!without->toJson().contains(QStringLiteral("credential")));
        o.insert(QStringLiteral("credential"), QStringLiteral("keys/factory.ptcred"));
        auto with = parse(o, QStringLiteral("/srv/line"));
        QVERIFY2(with, qPrintable(with ? QString() : with.error().message));
        QCOMPARE(with->credentialPath(), QStringLiteral("/srv/line/keys/factory.ptcred"));
        QVERIFY(with->sha256() != without->sha256());
        auto again = Recipe::parse(QJsonDocument(with->toJson()).toJson(), QStringLiteral("/srv/line"));
        QVERIFY(again);
        QCOMPARE(again->sha256(), with->sha256());
        o.insert(QStringLiteral("credential"), QString());
        auto empty = parse(o);
        QVERIFY(!empty);
        QVERIFY2(empty.error().message.contains(QStringLiteral("'credential'")), qPrintable(empty.error().message));
    }

    // USB hot-plug (docs/line-mode.md, "USB hot-plug"): a USB slot is not polled but woken by the
    // watcher's reports for its port path; a mock watcher (its signals emitted here) stands in for
    // libusb. A report for another port path wakes nobody; one for the slot's path wakes it at
    // once (its "usb" event) although its fallback poll is minutes away; a TCP slot is not woken.
    void usbWatcherWakesItsSlot()
    {
        QJsonObject o = baseRecipe();
        o.remove(QStringLiteral("packages"));
        o.remove(QStringLiteral("pools"));
        o.insert(QStringLiteral("config"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("net.dhcp")}, {QStringLiteral("value"), QStringLiteral("1")}}});
        o.insert(QStringLiteral("steps"), QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("config")}}});
        auto recipe = parse(o, m_dir.path());
        QVERIFY2(recipe, qPrintable(recipe ? QString() : recipe.error().message));
        const QString url = dbUrl(QStringLiteral("usbwatch.db"));
        {
            auto db = LineDatabase::open(url);
            QVERIFY(db);
            QVERIFY((*db)->releaseRecipe(*recipe, QStringLiteral("eve")));
        }
        StationOptions opt;
        opt.databaseUrl = url;
        opt.stationCode = QStringLiteral("usb-1");
        opt.operatorName = QStringLiteral("olga");
        opt.slotUris = {QStringLiteral("usb:?path=1-9.2"), QStringLiteral("tcp:127.0.0.1:9")};
        opt.pollMs = 600000; // the fallback poll never comes within the test
        opt.probeTimeoutMs = 200;
        UsbDeviceWatcher mock; // never started: the test emits its signals
        Station station(*recipe, opt);
        station.setUsbWatcher(&mock);
        QVERIFY(station.prepare());
        QList<QJsonObject> events;
        connect(&station, &Station::event, this, [&events](const QJsonObject &e) { events << e; });
        station.start();
        QVERIFY(station.usbWatched(0));
        QVERIFY(!station.usbWatched(1));
        const auto usbEvents = [&events](int slot) {
            int n = 0;
            for (const QJsonObject &e : events)
                n += e.value(QStringLiteral("event")).toString() == QLatin1String("usb") && e.value(QStringLiteral("slot")).toInt() == slot;
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 2, 5000); // both slots "empty"
        UsbDeviceEntry other;
        other.vid = 0x1209;
        other.pid = 0x0001;
        other.portPath = QStringLiteral("1-9.3");
        emit mock.deviceArrived(other);
        QTest::qWait(300);
        QCOMPARE(usbEvents(1), 0);
        QVERIFY(!station.usbChangePending(0));
        UsbDeviceEntry ours = other;
        ours.portPath = QStringLiteral("1-9.2");
        emit mock.deviceArrived(ours);
        QTRY_COMPARE_WITH_TIMEOUT(usbEvents(1), 1, 3000);
        QJsonObject woken;
        for (const QJsonObject &e : events)
            if (e.value(QStringLiteral("event")).toString() == QLatin1String("usb"))
                woken = e;
        QCOMPARE(woken.value(QStringLiteral("change")).toString(), QStringLiteral("arrived"));
        QCOMPARE(woken.value(QStringLiteral("uri")).toString(), QStringLiteral("usb:?path=1-9.2"));
        emit mock.deviceLeft(ours); // and gone again: woken once more
        QTRY_COMPARE_WITH_TIMEOUT(usbEvents(1), 2, 3000);
        QCOMPARE(usbEvents(2), 0);
        QVERIFY(station.summary().boards == 0); // nothing answered: no board was run
        station.stop();
        QSignalSpy finished(&station, &Station::finished);
        QVERIFY(finished.wait(5000) || finished.count() == 1);
    }

    void recipeFileAndPackagePin()
    {
        // A "package" whose bytes differ from the pin: refused with both hashes named.
        QVERIFY(writeFile(QStringLiteral("app.ptpkg"), "not really a package"));
        QVERIFY(writeFile(QStringLiteral("r.json"), QJsonDocument(baseRecipe()).toJson()));
        auto r = Recipe::load(m_dir.filePath(QStringLiteral("r.json")));
        QVERIFY2(r, qPrintable(r.error().message));
        QCOMPARE(r->packagePath(0), m_dir.filePath(QStringLiteral("app.ptpkg")));
        auto pkgs = r->loadPackages();
        QVERIFY(!pkgs);
        QCOMPARE(pkgs.error().kind, ErrorKind::Verify);
        QVERIFY2(pkgs.error().message.contains(QStringLiteral("the recipe pins ") + kFakeSha), qPrintable(pkgs.error().message));
        auto missing = Recipe::load(m_dir.filePath(QStringLiteral("none.json")));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::Io);
    }

    // --- database --------------------------------------------------------------------------

    void urls()
    {
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("sqlite:/tmp/x.db"))->path, QStringLiteral("/tmp/x.db"));
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("sqlite:rel.db"))->path, QStringLiteral("rel.db"));
        auto pg = DatabaseUrl::parse(QStringLiteral("postgresql://line:secret@db.example:5433/traceability"));
        QVERIFY2(pg, qPrintable(pg.error().message));
        QVERIFY(pg->isPostgresql());
        QCOMPARE(pg->host, QStringLiteral("db.example"));
        QCOMPARE(pg->port, 5433);
        QCOMPARE(pg->user, QStringLiteral("line"));
        QCOMPARE(pg->password, QStringLiteral("secret"));
        QCOMPARE(pg->databaseName, QStringLiteral("traceability"));
        QCOMPARE(pg->display(), QStringLiteral("postgresql://line@db.example:5433/traceability")); // no password in messages
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("postgres://u@h/db"))->port, 5432);
        for (const char *bad : {"postgresql://u@h/", "postgresql:///db", "postgresql://u@h/db?sslmode=require", "postgresql://u@h/a/b"}) {
            auto r = DatabaseUrl::parse(QString::fromLatin1(bad));
            QVERIFY2(!r, bad);
            QVERIFY2(r.error().message.contains(QStringLiteral("is not a PostgreSQL URL")), qPrintable(r.error().message));
        }
        QVERIFY(!DatabaseUrl::parse(QStringLiteral("mysql://x")));
        QVERIFY(!DatabaseUrl::parse(QStringLiteral("sqlite:")));
    }

    void migrationsAndReopen()
    {
        const QString url = dbUrl(QStringLiteral("migrate.db"));
        {
            auto db = LineDatabase::open(url);
            QVERIFY2(db, qPrintable(db.error().message));
            QCOMPARE((*db)->schemaVersion(), LineDatabase::latestSchemaVersion());
            auto mode = (*db)->query(QStringLiteral("PRAGMA journal_mode"));
            QVERIFY(mode && mode->next());
            QCOMPARE(mode->value(0).toString(), QStringLiteral("wal"));
        }
        {
            auto db = LineDatabase::open(url); // again: nothing to migrate, same version
            QVERIFY2(db, qPrintable(db.error().message));
            QCOMPARE((*db)->schemaVersion(), LineDatabase::latestSchemaVersion());
            QVERIFY((*db)->query(QStringLiteral("UPDATE schema_version SET version = 99")));
        }
        auto newer = LineDatabase::open(url);
        QVERIFY(!newer);
        QVERIFY2(newer.error().message.contains(QStringLiteral("made by a newer Piton")), qPrintable(newer.error().message));
    }

    void releaseAndPoolConflicts()
    {
        auto db = LineDatabase::open(dbUrl(QStringLiteral("release.db")));
        QVERIFY(db);
        auto r = parse(baseRecipe());
        QVERIFY(r);
        auto id = (*db)->releaseRecipe(*r, QStringLiteral("eve"));
        QVERIFY2(id, qPrintable(id.error().message));
        QCOMPARE(*(*db)->releaseRecipe(*r, QStringLiteral("eve")), *id); // same recipe: same id
        QCOMPARE(*(*db)->releasedRecipeId(r->sha256()), *id);
        auto notReleased = (*db)->releasedRecipeId(kFakeSha);
        QVERIFY(!notReleased);
        QVERIFY(notReleased.error().message.contains(QStringLiteral("is not released")));

        // Another recipe with a pool of the same name but another definition: refused, nothing stored.
        QJsonObject other = baseRecipe();
        other.insert(QStringLiteral("version"), QStringLiteral("3"));
        QJsonObject pools = other.value(QStringLiteral("pools")).toObject();
        pools.insert(QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")},
                                                           {QStringLiteral("format"), QStringLiteral("XX{seq:06}")}});
        other.insert(QStringLiteral("pools"), pools);
        auto conflicting = parse(other);
        QVERIFY(conflicting);
        auto count = [&] {
            auto q = (*db)->query(QStringLiteral("SELECT (SELECT COUNT(*) FROM recipe) * 1000 + (SELECT COUNT(*) FROM id_pool)"));
            return q && q->next() ? q->value(0).toInt() : -1;
        };
        const int before = count();
        QCOMPARE(before, 1002);
        auto refused = (*db)->releaseRecipe(*conflicting, QStringLiteral("eve"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("pool 'serial' exists in the database with another definition")),
                 qPrintable(refused.error().message));
        QCOMPARE(count(), before);
    }

    void allocationAndExhaustion()
    {
        auto db = LineDatabase::open(dbUrl(QStringLiteral("exhaust.db")));
        QVERIFY(db);
        const Recipe r = recipeWithPool(QStringLiteral("serial"),
                                        QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")},
                                                    {QStringLiteral("format"), QStringLiteral("EX-{seq:2}")},
                                                    {QStringLiteral("first"), 98}},
                                        m_dir.path());
        auto recipeId = (*db)->releaseRecipe(r, QStringLiteral("eve"));
        QVERIFY(recipeId);
        auto station = (*db)->station(QStringLiteral("s1"), QStringLiteral("host"), QStringLiteral("0.1.0"));
        QVERIFY(station);
        QStringList values;
        for (int i = 0; i < 2; ++i) {
            const AttemptStart a = newAttempt(**db, *recipeId, r, QStringLiteral("u%1").arg(i), *station);
            auto ids = (*db)->allocate(r, a.unitId, a.attemptId, QByteArray::number(i), QDate(2026, 12, 4));
            QVERIFY2(ids, qPrintable(ids.error().message));
            values << ids->first().value;
        }
        QCOMPARE(values, (QStringList{QStringLiteral("EX-98"), QStringLiteral("EX-99")}));
        const AttemptStart third = newAttempt(**db, *recipeId, r, QStringLiteral("u3"), *station);
        auto exhausted = (*db)->allocate(r, third.unitId, third.attemptId, "3", QDate(2026, 12, 4));
        QVERIFY(!exhausted);
        QCOMPARE(exhausted.error().message, QStringLiteral("pool 'p' is exhausted (its last value EX-99 is given)"));
    }

    void listPoolAllocationAndPolicies()
    {
        const QByteArray list = "L-1\nL-2\nL-3\n";
        QVERIFY(writeFile(QStringLiteral("lot.txt"), list));
        const QJsonObject pool{{QStringLiteral("type"), QStringLiteral("list")}, {QStringLiteral("file"), QStringLiteral("lot.txt")},
                               {QStringLiteral("sha256"), QString::fromLatin1(QCryptographicHash::hash(list, QCryptographicHash::Sha256).toHex())}};
        Recipe r = recipeWithPool(QStringLiteral("serial"), pool, m_dir.path());
        auto db = LineDatabase::open(dbUrl(QStringLiteral("list.db")));
        QVERIFY(db);
        auto recipeId = (*db)->releaseRecipe(r, QStringLiteral("eve"));
        QVERIFY(recipeId);
        auto station = (*db)->station(QStringLiteral("s1"), QStringLiteral("host"), QStringLiteral("0.1.0"));
        const QDate d(2026, 12, 4);

        // Void (default): board A fails with L-1; L-1 is burned; A's retest gets L-2.
        AttemptStart a1 = newAttempt(**db, *recipeId, r, QStringLiteral("aa"), *station);
        auto given = (*db)->allocate(r, a1.unitId, a1.attemptId, "a", d);
        QVERIFY(given);
        QCOMPARE(given->first().value, QStringLiteral("L-1"));
        QVERIFY((*db)->finishAttempt(a1.attemptId, AttemptEnd{QStringLiteral("fail"), QStringLiteral("deploy"), QStringLiteral("x"), {}, {}, {}},
                                     *given, r.failedIdentifiers));
        AttemptStart a2 = newAttempt(**db, *recipeId, r, QStringLiteral("aa"), *station);
        QCOMPARE(a2.attemptNo, 2);
        given = (*db)->allocate(r, a2.unitId, a2.attemptId, "a", d);
        QCOMPARE(given->first().value, QStringLiteral("L-2"));
        QVERIFY(!given->first().reused);
        auto state = (*db)->query(QStringLiteral("SELECT state FROM identifier WHERE value = 'L-1'"));
        QVERIFY(state && state->next());
        QCOMPARE(state->value(0).toString(), QStringLiteral("void"));
        QVERIFY((*db)->finishAttempt(a2.attemptId, AttemptEnd{QStringLiteral("pass"), {}, {}, {}, {}, {}}, *given, r.failedIdentifiers));
        // A passed board put back keeps its identifier.
        AttemptStart a3 = newAttempt(**db, *recipeId, r, QStringLiteral("aa"), *station);
        given = (*db)->allocate(r, a3.unitId, a3.attemptId, "a", d);
        QCOMPARE(given->first().value, QStringLiteral("L-2"));
        QVERIFY(given->first().reused);
        QVERIFY((*db)->passedAttempt(a2.unitId, r.sha256())->has_value());

        // Keep-for-board: board B fails with L-3 and gets it again; nobody else does.
        r.failedIdentifiers = FailedIdentifierPolicy::KeepForBoard;
        QVERIFY((*db)->releaseRecipe(r, QStringLiteral("eve")));
        auto keepId = (*db)->releasedRecipeId(r.sha256());
        QVERIFY(keepId);
        AttemptStart b1 = newAttempt(**db, *keepId, r, QStringLiteral("bb"), *station);
        given = (*db)->allocate(r, b1.unitId, b1.attemptId, "b", d);
        QCOMPARE(given->first().value, QStringLiteral("L-3"));
        QVERIFY((*db)->finishAttempt(b1.attemptId, AttemptEnd{QStringLiteral("fail"), QStringLiteral("verify"), QStringLiteral("x"), {}, {}, {}},
                                     *given, r.failedIdentifiers));
        AttemptStart c1 = newAttempt(**db, *keepId, r, QStringLiteral("cc"), *station);
        auto none = (*db)->allocate(r, c1.unitId, c1.attemptId, "c", d);
        QVERIFY(!none);
        QVERIFY(none.error().message.contains(QStringLiteral("exhausted")));
        AttemptStart b2 = newAttempt(**db, *keepId, r, QStringLiteral("bb"), *station);
        given = (*db)->allocate(r, b2.unitId, b2.attemptId, "b", d);
        QVERIFY(given);
        QCOMPARE(given->first().value, QStringLiteral("L-3"));
        QVERIFY(given->first().reused);
    }

    void uniqueIdPool()
    {
        auto db = LineDatabase::open(dbUrl(QStringLiteral("uid.db")));
        QVERIFY(db);
        const Recipe r = recipeWithPool(QStringLiteral("user.uid"),
                                        QJsonObject{{QStringLiteral("type"), QStringLiteral("uid")}, {QStringLiteral("format"), QStringLiteral("U-{uid}")}},
                                        m_dir.path());
        auto recipeId = (*db)->releaseRecipe(r, QStringLiteral("eve"));
        auto station = (*db)->station(QStringLiteral("s1"), QStringLiteral("h"), QStringLiteral("0.1.0"));
        const AttemptStart a = newAttempt(**db, *recipeId, r, QStringLiteral("0a0b"), *station);
        auto ids = (*db)->allocate(r, a.unitId, a.attemptId, QByteArray::fromHex("0a0b"), QDate(2026, 12, 4));
        QVERIFY2(ids, qPrintable(ids.error().message));
        QCOMPARE(ids->first().value, QStringLiteral("U-0a0b"));
        // Another unit record claiming the same unique id (a cloned id) is refused, nothing given.
        const AttemptStart clone = newAttempt(**db, *recipeId, r, QStringLiteral("clone-of-0a0b"), *station);
        auto twice = (*db)->allocate(r, clone.unitId, clone.attemptId, QByteArray::fromHex("0a0b"), QDate(2026, 12, 4));
        QVERIFY(!twice);
        QVERIFY2(twice.error().message.contains(QStringLiteral("'U-0a0b' is already given")), qPrintable(twice.error().message));
        auto count = (*db)->query(QStringLiteral("SELECT COUNT(*) FROM identifier"));
        QVERIFY(count && count->next());
        QCOMPARE(count->value(0).toInt(), 1);
    }

    // Leases: blocks of a pool go to stations without overlap, clamped at the pool's end; a
    // journal gives values only from its leased blocks (switching to the next one), and its
    // attempts reach the central database once, with their identifiers.
    void leasesAndJournal()
    {
        QByteArray list = "L1\nL2\nL3\nL4\nL5\n";
        QVERIFY(writeFile(QStringLiteral("lots.txt"), list));
        QJsonObject o = baseRecipe();
        QJsonObject pools = o.value(QStringLiteral("pools")).toObject();
        pools.insert(QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")},
                                                           {QStringLiteral("format"), QStringLiteral("S{seq:2}")},
                                                           {QStringLiteral("last"), 10}});
        o.insert(QStringLiteral("pools"), pools);
        addLotPool(o, QStringLiteral("lots.txt"), list);
        auto r = parse(o, m_dir.path());
        QVERIFY2(r, qPrintable(r.error().message));
        auto central = LineDatabase::open(dbUrl(QStringLiteral("central.db")));
        QVERIFY(central);
        const qint64 recipeId = *(*central)->releaseRecipe(*r, QStringLiteral("eve"));
        const qint64 s1 = *(*central)->station(QStringLiteral("s1"), QStringLiteral("h"), QStringLiteral("0.1.0"));
        const qint64 s2 = *(*central)->station(QStringLiteral("s2"), QStringLiteral("h"), QStringLiteral("0.1.0"));
        const PoolSpec serial = *r->pool(QStringLiteral("serial")), lot = *r->pool(QStringLiteral("lot")), mac = *r->pool(QStringLiteral("mac"));
        QList<std::optional<LeaseBlock>> blocks;
        for (int i = 0; i < 6; ++i) { // s1, s2, s1, ... blocks of 2 from the 10 values
            auto block = (*central)->leaseBlock(serial, i % 2 ? s2 : s1, i == 4 ? 4 : 2);
            QVERIFY2(block, qPrintable(block.error().message));
            blocks << *block;
        }
        QCOMPARE(blocks[0]->first, qint64(1));
        QCOMPARE(blocks[0]->last, qint64(2));
        QCOMPARE(blocks[1]->first, qint64(3));
        QCOMPARE(blocks[2]->first, qint64(5));
        QCOMPARE(blocks[4]->first, qint64(9));
        QCOMPARE(blocks[4]->last, qint64(10)); // clamped at the pool's last value
        QVERIFY(!blocks[5].has_value());       // exhausted
        auto l1 = (*central)->leaseBlock(lot, s1, 4);
        auto l2 = (*central)->leaseBlock(lot, s2, 4);
        QVERIFY(l1 && l1->has_value() && l2 && l2->has_value());
        QCOMPARE((*l1)->values, (QStringList{QStringLiteral("L1"), QStringLiteral("L2"), QStringLiteral("L3"), QStringLiteral("L4")}));
        QCOMPARE((*l2)->values, QStringList{QStringLiteral("L5")});
        QVERIFY(!(*(*central)->leaseBlock(lot, s1, 3)).has_value());
        auto m1 = (*central)->leaseBlock(mac, s1, 8);
        QVERIFY(m1 && m1->has_value());

        // Station s1's journal: nothing to give before its leases arrive.
        auto journal = LineDatabase::openJournal(m_dir.filePath(QStringLiteral("journal-s1.db")));
        QVERIFY(journal);
        const qint64 localRecipe = *(*journal)->releaseRecipe(*r, QStringLiteral("(mirror)"));
        const qint64 localStation = *(*journal)->station(QStringLiteral("s1"), QStringLiteral("h"), QStringLiteral("0.1.0"));
        QCOMPARE(*(*journal)->leasedRemaining(serial), qint64(0));
        AttemptStart a0 = newAttempt(**journal, localRecipe, *r, QStringLiteral("a0"), localStation);
        auto none = (*journal)->allocate(*r, a0.unitId, a0.attemptId, "a0", QDate(2026, 12, 4));
        QVERIFY(!none);
        QVERIFY2(none.error().message.contains(QStringLiteral("leased to this station are used up")), qPrintable(none.error().message));
        for (const LeaseBlock &b : {*blocks[0], *blocks[2], **l1, **m1})
            QVERIFY((*journal)->addLease(b));
        QVERIFY((*journal)->addLease(*blocks[0])); // twice: no change
        QCOMPARE(*(*journal)->leasedRemaining(serial), qint64(4));
        QCOMPARE(*(*journal)->leasedRemaining(lot), qint64(4));
        QStringList serials, lots;
        for (int i = 0; i < 5; ++i) {
            AttemptStart a = newAttempt(**journal, localRecipe, *r, QStringLiteral("b%1").arg(i), localStation);
            auto ids = (*journal)->allocate(*r, a.unitId, a.attemptId, "b", QDate(2026, 12, 4));
            if (i == 4) { // the leased values are used up: refused, the attempt fails, nothing given
                QVERIFY(!ids);
                QVERIFY((*journal)->finishAttempt(a.attemptId, AttemptEnd{QStringLiteral("fail"), QStringLiteral("allocate"), ids.error().message, {}, {}, {}},
                                                  {}, r->failedIdentifiers));
                break;
            }
            QVERIFY2(ids, qPrintable(ids.error().message));
            serials << ids->at(0).value;
            lots << ids->at(2).value;
            QVERIFY((*journal)->finishAttempt(a.attemptId, AttemptEnd{i == 1 ? QStringLiteral("fail") : QStringLiteral("pass"), {}, {}, {}, {}, {}},
                                              *ids, r->failedIdentifiers));
        }
        // The second block (5, 6) follows the first (1, 2); never s2's 3, 4.
        QCOMPARE(serials, (QStringList{QStringLiteral("S01"), QStringLiteral("S02"), QStringLiteral("S05"), QStringLiteral("S06")}));
        QCOMPARE(lots, (QStringList{QStringLiteral("L1"), QStringLiteral("L2"), QStringLiteral("L3"), QStringLiteral("L4")}));
        QVERIFY((*journal)->markInterrupted(localStation)); // a0: running -> interrupted
        // Copy to the central database: once, with identifiers; a copy again changes nothing.
        auto pending = (*journal)->unsyncedAttempts(100);
        QVERIFY2(pending, qPrintable(pending.error().message));
        QCOMPARE(pending->size(), 6); // a0 (interrupted) and the five
        for (const JournalAttempt &ja : *pending) {
            auto id = (*central)->importAttempt(ja, QStringLiteral("s1"), s1, recipeId);
            QVERIFY2(id, qPrintable(id.error().message));
            auto again = (*central)->importAttempt(ja, QStringLiteral("s1"), s1, recipeId);
            QCOMPARE(*again, *id);
            QVERIFY((*journal)->markSynced(ja.localId));
        }
        QCOMPARE((*journal)->unsyncedAttempts(100)->size(), 0);
        auto count = [&](const QString &sql) {
            auto q = (*central)->query(sql);
            return q && q->next() ? q->value(0).toInt() : -1;
        };
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM attempt")), 6);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'interrupted'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN id_pool p ON p.id = i.pool_id WHERE p.name = 'serial' AND i.state = 'assigned'")), 3);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN id_pool p ON p.id = i.pool_id WHERE p.name = 'serial' AND i.state = 'void'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM identifier WHERE state = 'leased'")), 1); // L5, leased to s2, unused
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM id_lease")), 5 + 2 + 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM (SELECT pool_id, value FROM identifier GROUP BY pool_id, value HAVING COUNT(*) > 1) d")), 0);
        // A record that claims an identifier held by another board is refused whole.
        JournalAttempt forged = pending->at(1); // b0, which holds S01
        forged.localId = 999;
        forged.uid = QStringLiteral("other-board");
        const int before = count(QStringLiteral("SELECT COUNT(*) FROM attempt"));
        auto refused = (*central)->importAttempt(forged, QStringLiteral("s1"), s1, recipeId);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("already given to another board")), qPrintable(refused.error().message));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM attempt")), before);
    }

    // Roles: not enforced until an engineer account exists; then only engineers add accounts
    // and release; operators must have an account.
    void roles()
    {
        auto db = LineDatabase::open(dbUrl(QStringLiteral("roles.db")));
        QVERIFY(db);
        QVERIFY((*db)->requireRole(QStringLiteral("anyone"), QStringLiteral("engineer")));
        QVERIFY((*db)->addAccount(QStringLiteral("olga"), QStringLiteral("operator"), QStringLiteral("anyone"))); // no engineer yet
        QVERIFY((*db)->requireRole(QStringLiteral("anyone"), QStringLiteral("operator")));                       // still not enforced
        QVERIFY((*db)->addAccount(QStringLiteral("eve"), QStringLiteral("engineer"), QStringLiteral("anyone")));
        auto notEngineer = (*db)->addAccount(QStringLiteral("otto"), QStringLiteral("operator"), QStringLiteral("olga"));
        QVERIFY(!notEngineer);
        QVERIFY2(notEngineer.error().message.contains(QStringLiteral("'olga' is an operator")), qPrintable(notEngineer.error().message));
        QVERIFY(!(*db)->addAccount(QStringLiteral("otto"), QStringLiteral("admin"), QStringLiteral("eve")));
        QVERIFY(!(*db)->addAccount(QStringLiteral(" otto"), QStringLiteral("operator"), QStringLiteral("eve")));
        QVERIFY(!(*db)->addAccount(QStringLiteral("olga"), QStringLiteral("engineer"), QStringLiteral("eve"))); // exists
        QVERIFY((*db)->addAccount(QStringLiteral("otto"), QStringLiteral("operator"), QStringLiteral("eve")));
        QVERIFY((*db)->requireRole(QStringLiteral("otto"), QStringLiteral("operator")));
        QVERIFY((*db)->requireRole(QStringLiteral("eve"), QStringLiteral("operator")));
        QVERIFY(!(*db)->requireRole(QStringLiteral("mallory"), QStringLiteral("operator")));
        QVERIFY(!(*db)->requireRole(QStringLiteral("otto"), QStringLiteral("engineer")));
        auto r = parse(baseRecipe());
        auto refused = (*db)->releaseRecipe(*r, QStringLiteral("otto"));
        QVERIFY(!refused);
        auto none = (*db)->query(QStringLiteral("SELECT COUNT(*) FROM recipe"));
        QVERIFY(none && none->next());
        QCOMPARE(none->value(0).toInt(), 0);
        none->finish();
        QVERIFY((*db)->releaseRecipe(*r, QStringLiteral("eve")));
        QCOMPARE((*db)->accounts()->size(), 3);
    }

    void interruptedAttempts()
    {
        auto db = LineDatabase::open(dbUrl(QStringLiteral("crash.db")));
        QVERIFY(db);
        auto r = parse(baseRecipe());
        auto recipeId = (*db)->releaseRecipe(*r, QStringLiteral("eve"));
        auto s1 = (*db)->station(QStringLiteral("s1"), QStringLiteral("h"), QStringLiteral("0.1.0"));
        auto s2 = (*db)->station(QStringLiteral("s2"), QStringLiteral("h"), QStringLiteral("0.1.0"));
        AttemptStart mine = newAttempt(**db, *recipeId, *r, QStringLiteral("01"), *s1);
        AttemptStart other = newAttempt(**db, *recipeId, *r, QStringLiteral("02"), *s2);
        auto ids = (*db)->allocate(*r, mine.unitId, mine.attemptId, "1", QDate(2026, 12, 4));
        QVERIFY(ids);
        QCOMPARE(*(*db)->markInterrupted(*s1), 1); // only this station's attempt
        auto q = (*db)->query(QStringLiteral("SELECT id, result FROM attempt ORDER BY id"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(1).toString(), QStringLiteral("interrupted"));
        QVERIFY(q->next());
        QCOMPARE(q->value(1).toString(), QStringLiteral("running"));
        auto voided = (*db)->query(QStringLiteral("SELECT COUNT(*) FROM identifier WHERE state = 'void'"));
        QVERIFY(voided && voided->next());
        QCOMPARE(voided->value(0).toInt(), 2); // serial and MAC of the interrupted attempt, never given again
        // Ending an attempt that was marked interrupted is refused (another process took over).
        auto late = (*db)->finishAttempt(mine.attemptId, AttemptEnd{QStringLiteral("pass"), {}, {}, {}, {}, {}}, *ids, r->failedIdentifiers);
        QVERIFY(!late);
        Q_UNUSED(other);
    }

    // Several connections (one per thread, as the slot workers have) allocate from the same
    // counter, MAC and list pools at once: every value exactly once, counters without gaps.
    void concurrentAllocationNeverDuplicates()
    {
        QByteArray list;
        for (int i = 0; i < 300; ++i)
            list += "LOT-" + QByteArray::number(i) + '\n';
        QVERIFY(writeFile(QStringLiteral("big.txt"), list));
        QJsonObject o = baseRecipe();
        addLotPool(o, QStringLiteral("big.txt"), list);
        auto r = parse(o, m_dir.path());
        QVERIFY2(r, qPrintable(r.error().message));
        const QString url = dbUrl(QStringLiteral("concurrent.db"));
        qint64 recipeId = 0, stationId = 0;
        {
            auto db = LineDatabase::open(url);
            QVERIFY(db);
            recipeId = *(*db)->releaseRecipe(*r, QStringLiteral("eve"));
            stationId = *(*db)->station(QStringLiteral("s"), QStringLiteral("h"), QStringLiteral("0.1.0"));
        }
        constexpr int kThreads = 6, kEach = 40;
        QList<QStringList> results(kThreads);
        QStringList errors;
        QMutex errorMutex;
        std::atomic_int ready{0};
        QList<QThread *> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads << QThread::create([&, t] {
                auto db = LineDatabase::open(url);
                if (!db) {
                    QMutexLocker l(&errorMutex);
                    errors << db.error().message;
                    return;
                }
                ++ready;
                while (ready.load() < kThreads)
                    QThread::yieldCurrentThread();
                for (int i = 0; i < kEach; ++i) {
                    const QString uid = QStringLiteral("%1-%2").arg(t).arg(i);
                    auto unit = (*db)->unit(r->board, uid);
                    auto a = unit ? (*db)->startAttempt(*unit, stationId, QStringLiteral("slot%1").arg(t), QStringLiteral("op"), recipeId,
                                                        r->sha256(), r->failedIdentifiers, kFakeSha, QStringLiteral("0.1.0"))
                                  : Result<AttemptStart>(unit.error());
                    auto ids = a ? (*db)->allocate(*r, a->unitId, a->attemptId, uid.toUtf8(), QDate(2026, 12, 4))
                                 : Result<QList<AllocatedIdentifier>>(a.error());
                    if (!ids) {
                        QMutexLocker l(&errorMutex);
                        errors << ids.error().message;
                        return;
                    }
                    for (const AllocatedIdentifier &id : *ids)
                        results[t] << id.key + QLatin1Char('=') + id.value;
                }
            });
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QSet<QString> all;
        int total = 0;
        for (const QStringList &l : results) {
            total += int(l.size());
            for (const QString &v : l)
                all.insert(v);
        }
        QCOMPARE(total, kThreads * kEach * 3);
        QCOMPARE(int(all.size()), total); // no value twice
        // Counters without gaps: serials 1..240 and MACs from the first address on.
        for (int i = 1; i <= kThreads * kEach; ++i)
            QVERIFY2(all.contains(QStringLiteral("serial=PT-2026-%1").arg(i, 6, 10, QLatin1Char('0'))), qPrintable(QString::number(i)));
        QVERIFY(all.contains(QStringLiteral("net.mac=02:00:00:00:00:fe")));
        QVERIFY(all.contains(QStringLiteral("net.mac=") + formatMac(0x0200000000feull + kThreads * kEach - 1)));
        QVERIFY(all.contains(QStringLiteral("user.lot=LOT-239")));
        QVERIFY(!all.contains(QStringLiteral("user.lot=LOT-240")));
    }
};

QTEST_GUILESS_MAIN(LineTest)
#include "test_line.moc"
