// ErrorBanner: an inline red banner at the top of the window that shows a failure in full (what
// failed and the whole message, selectable), so an error is not lost in a clipped status bar.
// Copy puts the text on the clipboard for support; Dismiss hides it. The window shows it when a
// job, a connection or a check fails and hides it when the next operation starts.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace piton::gui {

class ErrorBanner : public QWidget {
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    /** Shows "`title`" in bold and `message` below it (plain text, word-wrapped, selectable). */
    void showError(const QString &title, const QString &message);
    /** The text shown: title and message on two lines; empty while hidden. */
    QString text() const;

signals:
    /** The user dismissed the banner. */
    void dismissed();

private:
    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_dismiss = nullptr;
};

} // namespace piton::gui
