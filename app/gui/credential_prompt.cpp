#include "credential_prompt.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace piton::gui {

CredentialPrompt::CredentialPrompt(const QString &title, const QString &refusal, std::function<QString()> chooser,
                                   QWidget *parent)
    : QDialog(parent), m_chooser(std::move(chooser))
{
    setObjectName(QStringLiteral("credentialPrompt"));
    setWindowTitle(title);
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    m_text = new QLabel(refusal + QStringLiteral(".\n\n") +
                            tr("Choose a credential file (.ptcred, made with piton-cli access issue) that grants this role "
                               "to go on, or cancel: nothing on the board has changed."),
                        this);
    m_text->setObjectName(QStringLiteral("credentialPromptText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_text);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("credentialPromptProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->hide();
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(this);
    m_choose = buttons->addButton(tr("&Choose credential file…"), QDialogButtonBox::AcceptRole);
    m_choose->setObjectName(QStringLiteral("chooseCredentialButton"));
    m_choose->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelCredentialButton"));
    // The accept role would close the dialog: the file is chosen first, the window accepts.
    disconnect(buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_choose, &QPushButton::clicked, this, &CredentialPrompt::chooseFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_choose->setFocus();
}

QString CredentialPrompt::text() const
{
    return m_text->text();
}

void CredentialPrompt::showProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->show();
    m_choose->setFocus();
}

void CredentialPrompt::chooseFile()
{
    const QString path = m_chooser ? m_chooser() : QString();
    if (path.isEmpty())
        return; // the file dialog was cancelled: still waiting for an answer
    emit credentialChosen(path);
}

} // namespace piton::gui
