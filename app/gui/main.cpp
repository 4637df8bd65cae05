// piton: the Qt Widgets GUI. `piton [--connect URI] [PACKAGE]` (docs: app/gui/README.md).
#include "main_window.h"
#include "window_menu.h"
#include "i18n/translations.h"

#include <QAction>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

/** piton's command line, shared by the GUI start and the text-only --help / --version. */
struct Options {
    QCommandLineOption connect{{QStringLiteral("c"), QStringLiteral("connect")},
                               QStringLiteral("Connect to URI at start (serial:PATH, tcp:HOST:PORT or usb:[VID:PID][?serial=S|path=P])."),
                               QStringLiteral("URI")};
    QCommandLineOption language{QStringLiteral("language"),
                                QStringLiteral("User interface language (de, fr, en); overrides the setting ui/language and the system locale."),
                                QStringLiteral("LANG")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QStringLiteral("Save a screenshot of the window and exit."),
                                  QStringLiteral("FILE")};
    QCommandLineOption screenshotSize{QStringLiteral("screenshot-size"), QStringLiteral("Window size for --screenshot (default 1180x860)."),
                                      QStringLiteral("WxH")};
    QCommandLineOption screenshotDialog{QStringLiteral("screenshot-dialog"),
                                        QStringLiteral("Save a screenshot of a dialog instead of the window: about or help."),
                                        QStringLiteral("NAME")};
    QCommandLineOption page{QStringLiteral("page"),
                            QStringLiteral("Page to open on: device, configuration, recover or tools (default: device)."),
                            QStringLiteral("PAGE")};

    void addTo(QCommandLineParser &parser)
    {
        parser.setApplicationDescription(QStringLiteral("Piton: flashing and recovery workstation for microcontroller boards"));
        parser.addHelpOption();
        parser.addVersionOption();
        screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
        screenshotSize.setFlags(QCommandLineOption::HiddenFromHelp);
        screenshotDialog.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(connect);
        parser.addOption(page);
        parser.addOption(language);
        parser.addOption(screenshot);
        parser.addOption(screenshotSize);
        parser.addOption(screenshotDialog);
        parser.addPositionalArgument(QStringLiteral("PACKAGE"), QStringLiteral("Update package (.ptpkg) to deploy, or config backup (.ptcfg) to restore, once connected."),
                                     QStringLiteral("[FILE]"));
    }
};

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Piton"));
    QCoreApplication::setApplicationName(QStringLiteral("piton"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PITON_VERSION));
}

/** --help or --version: answered without a display (over SSH, in scripts). */
bool textOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h" || a == "--help-all" || a == "-?" || a == "--version" || a == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (textOnly(argc, argv)) {
        QCoreApplication core(argc, argv);
        setApplicationNames();
        QCommandLineParser parser;
        Options options;
        options.addTo(parser);
        parser.process(core); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setDesktopFileName(QStringLiteral("piton"));

    QCommandLineParser parser;
    Options options;
    options.addTo(parser);
    QCommandLineOption &connectOption = options.connect, &languageOption = options.language,
                       &screenshotOption = options.screenshot, &pageOption = options.page;
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "piton: at most one PACKAGE may be given\n");
        return 2;
    }

    QString language = parser.value(languageOption);
    if (language.isEmpty())
        language = QSettings().value(QStringLiteral("ui/language")).toString();
    if (language.isEmpty())
        language = QLocale::system().name();
    piton::installTranslations(app, language);

    piton::gui::MainWindow window;
    if (parser.isSet(pageOption) && !window.showPage(parser.value(pageOption))) {
        std::fprintf(stderr, "piton: unknown page \"%s\" (use device, configuration, recover or tools)\n",
                     qPrintable(parser.value(pageOption)));
        return 2;
    }
    const QString screenshot = parser.value(screenshotOption);
    const QString package = parser.positionalArguments().value(0);
    const QString uri = parser.value(connectOption);

    if (!screenshot.isEmpty()) {
        // Unattended: answer every question with yes, fixed size, grab at the interesting moment.
        window.setConfirmFunction([](const QString &, const QString &) { return true; });
        const QStringList size = parser.value(options.screenshotSize).split(QLatin1Char('x'));
        window.resize(size.size() == 2 ? QSize(size[0].toInt(), size[1].toInt()) : QSize(1180, 860));
        const QString dialog = parser.value(options.screenshotDialog);
        auto grab = [&window, screenshot, dialog] {
            // A dialog: the modal box the menu opened; else the window itself.
            QWidget *target = dialog.isEmpty() ? &window : QApplication::activeModalWidget();
            if (!target || !target->grab().save(screenshot)) {
                std::fprintf(stderr, "piton: cannot save %s\n", qPrintable(screenshot));
                QApplication::exit(1);
                return false;
            }
            return true;
        };
        auto grabbed = std::make_shared<bool>(false);
        if (!dialog.isEmpty()) {
            QAction *action = dialog == QLatin1String("about") ? window.windowMenu()->aboutAction()
                                                              : window.windowMenu()->helpAction();
            QTimer::singleShot(300, [grab] { QApplication::exit(grab() ? 0 : 1); });
            QTimer::singleShot(100, action, &QAction::trigger); // opens the modal box
        } else if (uri.isEmpty()) {
            // Nothing to wait for: the window as it opens.
            QTimer::singleShot(300, [grab] { QApplication::exit(grab() ? 0 : 1); });
        } else if (package.isEmpty()) {
            // After the first recovery diagnosis, which follows the device state.
            QObject::connect(&window, &piton::gui::MainWindow::recoveryDiagnosisShown, &window, [grab, grabbed] {
                if (*grabbed)
                    return;
                *grabbed = true;
                QTimer::singleShot(300, [grab] { QApplication::exit(grab() ? 0 : 1); });
            });
        } else {
            QObject::connect(&window, &piton::gui::MainWindow::progressShown, &window,
                             [grab, grabbed](const piton::JobProgress &p) {
                                 // The first report with bytes moved; the virtual board is fast,
                                 // so this may be the end of staging.
                                 if (*grabbed || p.total <= 0 || p.done <= 0)
                                     return;
                                 *grabbed = grab();
                             });
            QObject::connect(&window, &piton::gui::MainWindow::jobDone, &window, [grabbed](const QString &, bool ok) {
                QApplication::exit(ok && *grabbed ? 0 : 1);
            });
            // A package the board refuses (e.g. an untrusted signer): the window with its error.
            QObject::connect(&window, &piton::gui::MainWindow::errorShown, &window, [grab, grabbed] {
                if (*grabbed)
                    return;
                *grabbed = true;
                QTimer::singleShot(300, [grab] { QApplication::exit(grab() ? 0 : 1); });
            });
        }
        QTimer::singleShot(60000, [] {
            std::fprintf(stderr, "piton: screenshot timed out\n");
            QApplication::exit(3);
        });
    }
    window.show();

    if (!uri.isEmpty()) {
        if (!package.isEmpty()) {
            auto started = std::make_shared<bool>(false);
            QObject::connect(&window, &piton::gui::MainWindow::deviceShown, &window, [&window, package, started] {
                if (*started)
                    return;
                *started = true;
                window.openFile(package); // a package to deploy or a config backup to restore
            });
        }
        window.connectToUri(uri);
    } else if (!package.isEmpty()) {
        window.appendLog(piton::LogLevel::Info, piton::gui::MainWindow::tr("connect to a device to deploy %1").arg(package));
    }
    if (!screenshot.isEmpty()) {
        QObject::connect(&window, &piton::gui::MainWindow::connectFailed, &window, [](const QString &message) {
            std::fprintf(stderr, "piton: cannot connect: %s\n", qPrintable(message));
            QApplication::exit(1);
        });
        QObject::connect(&window, &piton::gui::MainWindow::jobDone, &window, [&window](const QString &, bool ok) {
            if (!ok && !window.isConnected())
                QApplication::exit(1);
        });
    }
    return app.exec();
}
