// Benchmark: how long the GUI thread's event loop stalls while piton deploys a package to a
// piton-vboard. A 2 ms timer ticks on the GUI thread for the whole run; the longest gap between
// two ticks minus the interval is the longest stall (a frozen window shows up here). Prints the
// figures; the target (docs/jobs.md) is under 50 ms. Not a pass/fail timing test: it fails only
// when the deploy itself fails.
//
// Usage: bench_gui_stall [PACKAGE] (default: the corpus image packaged for stm32f4-ref)
#include "gui_helpers.h"
#include "stall_meter.h"

#include "board/board_profile.h"
#include "test_boards.h"
#include "image/image_file.h"
#include "package/keys.h"
#include "package/package.h"
#include "version.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace piton;
using namespace piton::gui;
using namespace piton::guitest;

namespace {

constexpr int Rounds = 5;

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_gui_stall: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("no temporary directory"));

    auto key = generateKey();
    if (!key)
        return fail(key.error().message);
    const QString publicKey = dir.filePath(QStringLiteral("key.pub.pem"));
    if (auto ok = key->publicKey().save(publicKey); !ok)
        return fail(ok.error().message);

    QString package = app.arguments().value(1);
    if (package.isEmpty()) {
        const QString hex = dir.filePath(QStringLiteral("app.hex"));
        if (const QString problem = e2e::relocateCorpusApp(piton::test::deploymentAddress(), hex); !problem.isEmpty())
            return fail(problem);
        auto image = loadImage(hex);
        auto board = loadBoardProfile(QStringLiteral("stm32f4-ref"));
        if (!image || !board)
            return fail(QStringLiteral("cannot load the image or the board profile"));
        PackageInput input;
        input.boardId = QStringLiteral("stm32f4-ref");
        input.version = packVersion(1, 0, 1);
        input.application = image.value();
        auto bytes = buildPackage(input, board.value(), key.value());
        if (!bytes)
            return fail(bytes.error().message);
        package = dir.filePath(QStringLiteral("app.ptpkg"));
        e2e::writeFile(package, bytes.value());
    }

    for (const QString &transport : {QStringLiteral("serial"), QStringLiteral("tcp")}) {
        QTemporaryDir boardDir;
        e2e::VirtualBoard vb;
        if (!vb.start(boardDir.path(), QStringLiteral("stm32f4-ref"), publicKey))
            return fail(vb.error());
        MainWindow w;
        w.setConfirmFunction([](const QString &, const QString &) { return true; });
        w.setFileChooser([package](FileRole) { return package; });
        w.resize(1200, 800);
        w.show();
        const bool tcp = transport == QLatin1String("tcp");
        if (!connectWindow(w, tcp ? 1 : 0, tcp ? vb.tcpUri().mid(4) : vb.serialUri().mid(7)))
            return fail(QStringLiteral("cannot connect over %1: %2").arg(transport, w.lastError()));
        // Several deploys in a row (the virtual board has no link pacing, so one is short).
        StallMeter meter;
        qint64 progressEvents = 0;
        QObject::connect(&w, &MainWindow::progressShown, [&progressEvents] { ++progressEvents; });
        QElapsedTimer deploy;
        deploy.start();
        meter.start();
        for (int round = 0; round < Rounds; ++round) {
            if (!clickAndWait(w, "updateButton"))
                return fail(QStringLiteral("deploy %1 over %2 failed: %3").arg(round + 1).arg(transport, w.lastError()));
        }
        const qint64 deployMs = deploy.elapsed();
        meter.stop();
        std::printf("gui stall during %d deploys over %s: longest %.1f ms (target < 50 ms); %lld ms in all, %lld timer ticks "
                    "of %d ms, %lld progress updates shown, package %lld bytes\n",
                    Rounds, qPrintable(transport), meter.longestStallMs(), deployMs, meter.ticks, StallMeter::IntervalMs,
                    progressEvents, qint64(QFileInfo(package).size()));
        std::fflush(stdout);
    }
    return 0;
}
