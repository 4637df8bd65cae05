// CredentialPrompt: asks for a credential (a .ptcred file from `piton-cli access issue`) when a
// board's access policy refuses an operation without a session, or when a board with a policy
// is connected without one (docs/security.md, "Policy table"). It says in words what the board
// refused, offers "Choose credential file…" and Cancel, and is opened window-modal but
// asynchronously (QDialog::open(): no nested event loop, the window and its worker keep
// running). The window answers its signals: a chosen file goes to the waiting job (or connects
// again), Cancel ends the waiting job with nothing changed. Keyboard: Enter chooses a file,
// Escape cancels, Alt+C / Alt+N are the buttons' mnemonics.
#pragma once

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;

namespace piton::gui {

class CredentialPrompt : public QDialog {
    Q_OBJECT
public:
    /** `refusal`: why a credential is needed, in words (the board's own refusal, e.g. "erase
     *  needs a technician session on a locked board over TCP"). `chooser` returns a chosen file
     *  path or an empty string (the window's file chooser: a QFileDialog, or a test's). */
    CredentialPrompt(const QString &title, const QString &refusal, std::function<QString()> chooser,
                     QWidget *parent = nullptr);

    /** The text the prompt shows (refusal and what to do). */
    QString text() const;
    /** Shows why the chosen file cannot be used; the prompt stays open for another choice. */
    void showProblem(const QString &problem);
    /** Asks for the file now: the "Choose credential file…" button. */
    void chooseFile();

signals:
    /** The user chose `path` (not checked yet: the window loads it and calls showProblem() when
     *  it is not a credential). The prompt stays open until accept() or reject(). */
    void credentialChosen(const QString &path);

private:
    std::function<QString()> m_chooser;
    QLabel *m_text = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_choose = nullptr;
};

} // namespace piton::gui
