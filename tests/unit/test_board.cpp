// Unit tests: board profiles (resources/boards, README.md there).
#include "board/board_profile.h"
#include "test_boards.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace piton;

namespace {

void writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestBoard : public QObject {
    Q_OBJECT
private slots:
    void init() { qunsetenv("PITON_BOARDS_DIR"); }

    void loadsShippedProfiles()
    {
        qputenv("PITON_BOARDS_DIR", QByteArray(PITON_TEST_BOARDS_DIR));
        auto p = loadBoardProfile(QStringLiteral("stm32f4-ref"));
        QVERIFY2(p.ok(), qPrintable(p.error().message));
        QCOMPARE(p->id, QStringLiteral("stm32f4-ref"));
        const auto dep = p->region(QStringLiteral("deployment"));
        QVERIFY(dep.has_value());
        QCOMPARE(dep->address, 0x08040000u);
        QCOMPARE(dep->size, 786432u);
        QVERIFY(dep->hasFlag(QStringLiteral("image")));
        QVERIFY(dep->contains(0x08040000u, 786432u));
        QVERIFY(!dep->contains(0x08040000u, 786433u));
        QVERIFY(!p->region(QStringLiteral("nonexistent")));
        QCOMPARE(p->regions.first().name, QStringLiteral("bootloader"));
        QVERIFY(p->region(QStringLiteral("bootloader"))->hasFlag(QStringLiteral("protected")));
        QCOMPARE(p->region(QStringLiteral("update"))->address, 0x90700000u);

        auto u = loadBoardProfile(QStringLiteral("uniform-4k"));
        QVERIFY2(u.ok(), qPrintable(u.error().message));
        QCOMPARE(u->region(QStringLiteral("firmware"))->address, 0x0800C000u);
    }

    // tests/test_boards.h, the geometry every other test takes from the profiles: the same
    // figures as the profile's own text.
    void testGeometryHelper()
    {
        QCOMPARE(piton::test::regionAddress(QStringLiteral("stm32f4-ref"), QStringLiteral("deployment")), 0x08040000u);
        QCOMPARE(piton::test::regionSize(QStringLiteral("stm32f4-ref"), QStringLiteral("deployment")), 786432u);
        QCOMPARE(piton::test::regionAddress(QStringLiteral("uniform-4k"), QStringLiteral("deployment")), 0x0802C000u);
        QCOMPARE(piton::test::shippedRegion(QStringLiteral("stm32f4-ref"), QStringLiteral("firmware")).size, 196608u);
        QCOMPARE(piton::test::hex32(0x08040000u), QStringLiteral("0x08040000"));
    }

    void searchPathOrder()
    {
        QTemporaryDir dir;
        qputenv("PITON_BOARDS_DIR", dir.path().toUtf8());
        const QStringList path = boardSearchPath();
        QVERIFY(!path.isEmpty());
        QCOMPARE(path.first(), dir.path());
        // A profile in $PITON_BOARDS_DIR shadows the shipped one of the same id.
        writeFile(dir.filePath(QStringLiteral("uniform-4k.json")),
                  R"({"id":"uniform-4k","name":"override","regions":[{"name":"firmware","address":"0x1000","size":4096}]})");
        auto p = loadBoardProfile(QStringLiteral("uniform-4k"));
        QVERIFY2(p.ok(), qPrintable(p.error().message));
        QCOMPARE(p->name, QStringLiteral("override"));
        QCOMPARE(p->regions.size(), 1);
    }

    void unknownBoardListsKnownIds()
    {
        qputenv("PITON_BOARDS_DIR", QByteArray(PITON_TEST_BOARDS_DIR));
        auto p = loadBoardProfile(QStringLiteral("no-such-board"));
        QVERIFY(!p);
        QCOMPARE(p.error().kind, ErrorKind::Usage);
        QVERIFY2(p.error().message.contains(QStringLiteral("no-such-board")), qPrintable(p.error().message));
        QVERIFY2(p.error().message.contains(QStringLiteral("stm32f4-ref")), qPrintable(p.error().message));
        QVERIFY2(p.error().message.contains(QStringLiteral("uniform-4k")), qPrintable(p.error().message));
        auto bad = loadBoardProfile(QStringLiteral("../etc/passwd"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind, ErrorKind::Usage);
    }

    void malformedProfiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("words");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
        QTest::newRow("no id") << QByteArray(R"({"regions":[]})") << QStringLiteral("\"id\"");
        QTest::newRow("no regions") << QByteArray(R"({"id":"x"})") << QStringLiteral("\"regions\"");
        QTest::newRow("numeric address")
            << QByteArray(R"({"id":"x","regions":[{"name":"a","address":4096,"size":16}]})") << QStringLiteral("address");
        QTest::newRow("bad hex address")
            << QByteArray(R"({"id":"x","regions":[{"name":"a","address":"0xZZ","size":16}]})") << QStringLiteral("address");
        QTest::newRow("zero size")
            << QByteArray(R"({"id":"x","regions":[{"name":"a","address":"0x1000","size":0}]})") << QStringLiteral("size");
        QTest::newRow("past 4 GiB")
            << QByteArray(R"({"id":"x","regions":[{"name":"a","address":"0xFFFFF000","size":8192}]})")
            << QStringLiteral("32-bit");
        QTest::newRow("overlap")
            << QByteArray(R"({"id":"x","regions":[{"name":"a","address":"0x1000","size":4096},)"
                          R"({"name":"b","address":"0x1800","size":4096}]})")
            << QStringLiteral("'b' overlaps region 'a'");
        QTest::newRow("duplicate")
            << QByteArray(R"({"id":"x","regions":[{"name":"a","address":"0x1000","size":16},)"
                          R"({"name":"a","address":"0x2000","size":16}]})")
            << QStringLiteral("twice");
    }

    void malformedProfiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.json"));
        writeFile(path, json);
        auto p = loadBoardProfileFile(path);
        QVERIFY(!p);
        QCOMPARE(p.error().kind, ErrorKind::Format);
        QVERIFY2(p.error().message.contains(path), qPrintable(p.error().message));
        QVERIFY2(p.error().message.contains(words), qPrintable(p.error().message));
    }
};

QTEST_GUILESS_MAIN(TestBoard)
#include "test_board.moc"
