#include "window_menu.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QKeySequence>
#include <QLocale>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>

#ifndef PITON_VERSION
#define PITON_VERSION "0.0.0"
#endif

namespace piton::gui {

WindowMenu::WindowMenu(QMainWindow *window)
    : QObject(window)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    QAction *saveLog = file->addAction(tr("&Save log…"));
    saveLog->setShortcut(QKeySequence::Save);
    m_exportHistory = file->addAction(tr("&Export board history…"));
    m_exportHistory->setObjectName(QStringLiteral("exportHistoryAction"));
    m_exportHistory->setToolTip(tr("Save what was done to the connected board (who, what, when, result) for support"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *device = bar->addMenu(tr("De&vice"));
    device->setObjectName(QStringLiteral("deviceMenu"));
    m_connect = device->addAction(tr("&Connect"));
    m_connect->setObjectName(QStringLiteral("connectAction"));
    m_connect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_disconnect = device->addAction(tr("&Disconnect"));
    m_disconnect->setObjectName(QStringLiteral("disconnectAction"));
    m_disconnect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_refresh = device->addAction(tr("&Refresh"));
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    device->addSeparator();
    m_update = device->addAction(tr("&Update…"));
    m_update->setObjectName(QStringLiteral("updateAction"));
    m_update->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    m_cancel = device->addAction(tr("C&ancel the operation"));
    m_cancel->setObjectName(QStringLiteral("cancelAction"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));

    QMenu *language = bar->addMenu(tr("&Language"));
    m_languages = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("ui/language"), QLocale::system().name()).toString().left(2);
    // Each language is named in itself, so it can be found whatever the current language is.
    for (const auto &[code, name] : {std::pair{"en", "English"}, std::pair{"de", "Deutsch"}, std::pair{"fr", "Français"}}) {
        QAction *a = language->addAction(QString::fromUtf8(name));
        a->setCheckable(true);
        a->setData(QString::fromLatin1(code));
        a->setChecked(current == QLatin1String(code));
        m_languages->addAction(a);
    }

    QMenu *help = bar->addMenu(tr("&Help"));
    m_help = help->addAction(tr("Piton &help"));
    m_help->setShortcut(QKeySequence::HelpContents);
    m_about = help->addAction(tr("&About Piton"));
    m_about->setMenuRole(QAction::AboutRole);

    connect(saveLog, &QAction::triggered, this, &WindowMenu::saveLogRequested);
    connect(m_exportHistory, &QAction::triggered, this, &WindowMenu::exportHistoryRequested);
    connect(quit, &QAction::triggered, window, &QMainWindow::close);
    connect(m_connect, &QAction::triggered, this, &WindowMenu::connectRequested);
    connect(m_disconnect, &QAction::triggered, this, &WindowMenu::disconnectRequested);
    connect(m_refresh, &QAction::triggered, this, &WindowMenu::refreshRequested);
    connect(m_update, &QAction::triggered, this, &WindowMenu::updateRequested);
    connect(m_cancel, &QAction::triggered, this, &WindowMenu::cancelRequested);
    connect(m_help, &QAction::triggered, this, &WindowMenu::helpRequested);
    connect(m_about, &QAction::triggered, this, &WindowMenu::aboutRequested);
    connect(m_languages, &QActionGroup::triggered, this, [this](QAction *a) {
        const QString code = a->data().toString();
        QSettings().setValue(QStringLiteral("ui/language"), code);
        emit languageChosen(code);
    });
}

QString WindowMenu::helpText(const QString &historyDirectory)
{
    return tr("<h3>Piton</h3>"
              "<p>Connect to a board (choose the transport, type or pick the port or host:port, press Enter), "
              "then update it with a signed package (.ptpkg), back up or restore its configuration, or recover it "
              "on the Recover page. Before anything is written, the regions it will change are marked on the map and "
              "you are asked.</p>"
              "<p><b>Shortcuts:</b> Ctrl+K connect, Ctrl+Shift+K disconnect, F5 refresh, Ctrl+U update, Esc cancel "
              "the running operation, Ctrl+S save the log, F1 this help.</p>"
              "<p>Failures are shown in a red banner at the top of the window with the whole message, and in the "
              "log (errors in red). Every operation on a board is also kept in its history (who, what, when, "
              "result) in %1; File ▸ Export board history saves the connected board's history for support.</p>"
              "<p>The manuals: <tt>man piton</tt>, <tt>man piton-cli</tt>, and /usr/share/doc/piton.</p>")
        .arg(historyDirectory.toHtmlEscaped());
}

QString WindowMenu::aboutText()
{
    return tr("<h3>Piton %1</h3>"
              "<p>Flashing and recovery workstation for microcontroller boards.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>"
              "<p>Copyright 2026 The Piton developers. All rights reserved: no licence has been chosen yet "
              "(see /usr/share/doc/piton/copyright).</p>")
        .arg(QStringLiteral(PITON_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

} // namespace piton::gui
