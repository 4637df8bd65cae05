#include "line_login_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace piton::gui {

LineLoginDialog::LineLoginDialog(const QString &name, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Log in to the line"));
    setObjectName(QStringLiteral("lineLoginDialog"));
    auto *col = new QVBoxLayout(this);
    col->addWidget(new QLabel(tr("Operators run released recipes; engineers also release them and edit the set-up.")));
    auto *form = new QFormLayout;
    m_name = new QLineEdit(name);
    m_name->setObjectName(QStringLiteral("lineLoginName"));
    form->addRow(tr("Account:"), m_name);
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("lineLoginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Password:"), m_password);
    col->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    col->addWidget(buttons);
    (name.isEmpty() ? m_name : m_password)->setFocus();
}

QString LineLoginDialog::name() const
{
    return m_name->text().trimmed();
}

QString LineLoginDialog::password() const
{
    return m_password->text();
}

} // namespace piton::gui
