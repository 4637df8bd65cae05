// LineLoginDialog: the Line page's log-in (docs/line-mode.md, "Roles"): an account name and its
// password. It only collects them; LinePage::logIn() checks them against the line database
// (LineDatabase::authenticate, a PBKDF2 hash) off the GUI thread.
#pragma once

#include <QDialog>

class QLineEdit;

namespace piton::gui {

class LineLoginDialog : public QDialog {
    Q_OBJECT
public:
    /** `name`: filled in (the last account that logged in), the focus then goes to the password. */
    explicit LineLoginDialog(const QString &name, QWidget *parent = nullptr);
    QString name() const;
    QString password() const;

private:
    QLineEdit *m_name = nullptr;
    QLineEdit *m_password = nullptr;
};

} // namespace piton::gui
