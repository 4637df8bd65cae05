// Runs a UsbDeviceWatcher and prints one line per event, for the QEMU rig (guest_tests.py):
//   arrived <vid:pid> <serial> <port path> <product>
//   left <vid:pid> <serial> <port path> <product>
// usage: usb_watch_probe EVENTS TIMEOUT_MS   exits 0 after EVENTS events, 1 on timeout.
#include "usb_devices.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace piton;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: usb_watch_probe EVENTS TIMEOUT_MS\n");
        return 2;
    }
    const int wanted = QString::fromLocal8Bit(argv[1]).toInt();
    const int timeoutMs = QString::fromLocal8Bit(argv[2]).toInt();
    int seen = 0;
    UsbDeviceWatcher watcher;
    watcher.setPollIntervalMs(200);
    auto print = [&](const char *what, const UsbDeviceEntry &e) {
        std::printf("%s %s %s %s %s\n", what, qPrintable(e.vidPid()), qPrintable(e.serial), qPrintable(e.portPath),
                    qPrintable(e.product));
        std::fflush(stdout);
        if (++seen >= wanted)
            app.exit(0);
    };
    QObject::connect(&watcher, &UsbDeviceWatcher::deviceArrived, [&](const UsbDeviceEntry &e) { print("arrived", e); });
    QObject::connect(&watcher, &UsbDeviceWatcher::deviceLeft, [&](const UsbDeviceEntry &e) { print("left", e); });
    QTimer::singleShot(timeoutMs, &app, [&] {
        std::printf("timeout after %d events (hotplug %s)\n", seen, watcher.usesHotplug() ? "on" : "off");
        app.exit(1);
    });
    QTimer::singleShot(0, &watcher, [&] {
        watcher.start();
        std::printf("watching (hotplug %s)\n", watcher.usesHotplug() ? "on" : "off");
        std::fflush(stdout);
    });
    return app.exec();
}
