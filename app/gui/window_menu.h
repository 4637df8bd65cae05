// WindowMenu: piton's menu bar and keyboard shortcuts. File (Save log, Export board history,
// Quit), Device (Connect, Disconnect, Refresh, Update, Cancel), Language (the next start's user
// interface language, stored as the setting ui/language that main.cpp reads) and Help (Help,
// About). It only emits signals; the window decides what they do and enables the actions.
#pragma once

#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QMainWindow;
class QWidget;

namespace piton::gui {

class WindowMenu : public QObject {
    Q_OBJECT
public:
    /** Builds the menus into `window`'s menu bar. */
    explicit WindowMenu(QMainWindow *window);

    QAction *connectAction() const { return m_connect; }       ///< Ctrl+K
    QAction *disconnectAction() const { return m_disconnect; } ///< Ctrl+Shift+K
    QAction *refreshAction() const { return m_refresh; }       ///< F5
    QAction *updateAction() const { return m_update; }         ///< Ctrl+U
    QAction *cancelAction() const { return m_cancel; }         ///< Esc
    QAction *exportHistoryAction() const { return m_exportHistory; }
    QAction *helpAction() const { return m_help; }             ///< F1
    QAction *aboutAction() const { return m_about; }

    /** The help text (shortcuts, where the log and the board history are kept). */
    static QString helpText(const QString &historyDirectory);
    /** The About text: version, Qt version, copyright and licence. */
    static QString aboutText();

signals:
    void connectRequested();
    void disconnectRequested();
    void refreshRequested();
    void updateRequested();
    void cancelRequested();
    void saveLogRequested();
    void exportHistoryRequested();
    void helpRequested();
    void aboutRequested();
    /** A language was chosen ("en", "de", "fr"); it is already stored in ui/language. */
    void languageChosen(const QString &language);

private:
    QAction *m_connect = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_update = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_exportHistory = nullptr;
    QAction *m_help = nullptr;
    QAction *m_about = nullptr;
    QActionGroup *m_languages = nullptr;
};

} // namespace piton::gui
