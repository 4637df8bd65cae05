#include "device_page.h"

#include "file_field.h"
#include "main_window.h" // FileRole
#include "package/keys.h"
#include "version.h"

#include "piton/protocol.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

// The texts keep the window's translation context: they were MainWindow's before the split.

namespace piton::gui {

namespace {

QString optionalVersion(const std::optional<quint32> &v)
{
    return v ? versionToString(*v) : QCoreApplication::translate("piton::gui::MainWindow", "none");
}

} // namespace

DevicePage::DevicePage(std::function<QString(FileRole)> chooseFile, QWidget *parent)
    : QWidget(parent)
{
    auto *leftCol = new QVBoxLayout(this);

    auto *devBox = new QGroupBox(QCoreApplication::translate("piton::gui::MainWindow", "Device"));
    auto *dev = new QFormLayout(devBox);
    dev->setRowWrapPolicy(QFormLayout::WrapLongRows); // long labels (German) put the value below
    m_stageLabel = new QLabel;
    m_stageLabel->setObjectName(QStringLiteral("stageLabel"));
    m_stageLabel->setAlignment(Qt::AlignCenter);
    m_stageLabel->setMinimumHeight(32);
    QFont stageFont = m_stageLabel->font();
    stageFont.setBold(true);
    stageFont.setPointSizeF(stageFont.pointSizeF() * 1.25);
    m_stageLabel->setFont(stageFont);
    dev->addRow(m_stageLabel);
    const auto value = [](const char *name) {
        auto *l = new QLabel;
        l->setObjectName(QLatin1String(name));
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        return l;
    };
    m_board = value("boardLabel");
    m_serial = value("serialLabel");
    m_uniqueId = value("uniqueIdLabel");
    m_versions = value("versionsLabel");
    m_locked = value("lockedLabel");
    m_access = value("accessLabel");
    m_keys = value("keysLabel");
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_keys->setFont(mono);
    m_uniqueId->setFont(mono);
    dev->addRow(QCoreApplication::translate("piton::gui::MainWindow", "Board:"), m_board);
    dev->addRow(QCoreApplication::translate("piton::gui::MainWindow", "Serial number:"), m_serial);
    dev->addRow(QCoreApplication::translate("piton::gui::MainWindow", "Unique id:"), m_uniqueId);
    dev->addRow(QCoreApplication::translate("piton::gui::MainWindow", "Versions:"), m_versions);
    dev->addRow(QCoreApplication::translate("piton::gui::MainWindow", "Locked:"), m_locked);
    dev->addRow(QCoreApplication::translate("piton::gui::MainWindow", "Access:"), m_access);
    dev->addRow(QCoreApplication::translate("piton::gui::MainWindow", "Trusted keys:"), m_keys);
    leftCol->addWidget(devBox);

    auto *actBox = new QGroupBox(QCoreApplication::translate("piton::gui::MainWindow", "Actions"));
    auto *act = new QGridLayout(actBox);
    const auto button = [](const QString &text, const char *name) {
        auto *b = new QPushButton(text);
        b->setObjectName(QLatin1String(name));
        return b;
    };
    m_updateButton = button(QCoreApplication::translate("piton::gui::MainWindow", "Update…"), "updateButton");
    m_updateButton->setToolTip(QCoreApplication::translate("piton::gui::MainWindow", "Choose an update package (.ptpkg) or drop one on the window"));
    m_eraseButton = button(QCoreApplication::translate("piton::gui::MainWindow", "Erase deployment…"), "eraseButton");
    m_backupButton = button(QCoreApplication::translate("piton::gui::MainWindow", "Back up config…"), "backupButton");
    m_restoreButton = button(QCoreApplication::translate("piton::gui::MainWindow", "Restore config…"), "restoreButton");
    m_rebootButton = button(QCoreApplication::translate("piton::gui::MainWindow", "Reboot"), "rebootButton");
    m_rebootBootloaderButton = button(QCoreApplication::translate("piton::gui::MainWindow", "Reboot to bootloader"), "rebootBootloaderButton");
    act->addWidget(m_updateButton, 0, 0);
    act->addWidget(m_eraseButton, 0, 1);
    act->addWidget(m_backupButton, 1, 0);
    act->addWidget(m_restoreButton, 1, 1);
    act->addWidget(m_rebootButton, 2, 0);
    act->addWidget(m_rebootBootloaderButton, 2, 1);
    // Packages name their signer; for older ones the user can give the signer's public key, so
    // that an untrusted signer is refused before anything is sent.
    auto *keyLabel = new QLabel(QCoreApplication::translate("piton::gui::MainWindow", "Signer's public key (for packages that do not name it):"));
    keyLabel->setWordWrap(true);
    act->addWidget(keyLabel, 3, 0, 1, 2);
    act->addWidget(makeFileField("updateKeyEdit", QCoreApplication::translate("piton::gui::MainWindow", "optional: public key .pem"),
                                 FileRole::OpenPublicKey, std::move(chooseFile), &m_updateKey),
                   4, 0, 1, 2);
    leftCol->addWidget(actBox);
    leftCol->addStretch(1);

    connect(m_updateButton, &QPushButton::clicked, this, &DevicePage::updateRequested);
    connect(m_eraseButton, &QPushButton::clicked, this, &DevicePage::eraseRequested);
    connect(m_backupButton, &QPushButton::clicked, this, &DevicePage::backupRequested);
    connect(m_restoreButton, &QPushButton::clicked, this, &DevicePage::restoreRequested);
    connect(m_rebootButton, &QPushButton::clicked, this, &DevicePage::rebootRequested);
    connect(m_rebootBootloaderButton, &QPushButton::clicked, this, &DevicePage::rebootBootloaderRequested);
}

void DevicePage::setActionsEnabled(bool ready, bool hasDeployment)
{
    m_updateButton->setEnabled(ready);
    m_eraseButton->setEnabled(ready && hasDeployment);
    m_backupButton->setEnabled(ready);
    m_restoreButton->setEnabled(ready);
    m_rebootButton->setEnabled(ready);
    m_rebootBootloaderButton->setEnabled(ready);
}

bool DevicePage::canUpdate() const
{
    return m_updateButton->isEnabled();
}

QStringList DevicePage::updateKeyPaths() const
{
    const QString path = m_updateKey->text().trimmed();
    return path.isEmpty() ? QStringList() : QStringList{path};
}

void DevicePage::clear()
{
    m_stageLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Not connected"));
    m_stageLabel->setStyleSheet(QStringLiteral("QLabel { background: #e0e0e0; color: #424242; border-radius: 4px; padding: 4px; }"));
    for (QLabel *l : {m_board, m_serial, m_uniqueId, m_versions, m_locked, m_keys})
        l->setText(QStringLiteral("–"));
}

QString noAccessKeyText(const DeviceInfo &i)
{
    if (i.linkKind.value_or(PT_LINK_NETWORK) != PT_LINK_NETWORK)
        return QCoreApplication::translate("piton::gui::MainWindow",
                                           "no access key on the board: changes only over serial or USB (physical access); read-only "
                                           "over TCP");
    return QCoreApplication::translate("piton::gui::MainWindow",
                                       "read-only over TCP: changes need a technician session over TCP; this board trusts no access "
                                       "key: provision one with --trust-access-key");
}

void DevicePage::showDevice(const DeviceSnapshot &snapshot)
{
    const DeviceInfo &i = snapshot.info;
    const int stage = i.stage ? i.stage : snapshot.ping.stage;
    if (stage == PT_STAGE_APPLICATION) {
        m_stageLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Application"));
        m_stageLabel->setStyleSheet(QStringLiteral("QLabel { background: #2e7d32; color: white; border-radius: 4px; padding: 4px; }"));
    } else {
        m_stageLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Bootloader (recovery mode)"));
        m_stageLabel->setStyleSheet(QStringLiteral("QLabel { background: #e65100; color: white; border-radius: 4px; padding: 4px; }"));
    }
    m_board->setText(i.boardId);
    m_serial->setText(i.serialNumber.isEmpty() ? QCoreApplication::translate("piton::gui::MainWindow", "(not set)") : i.serialNumber);
    // 16 bytes in monospace do not fit a narrow column: allow a line break after 8 (a zero-width
    // space, so the id is not clipped); the tooltip holds it in one piece.
    QString uid = QString::fromLatin1(i.uniqueId.toHex(':'));
    m_uniqueId->setToolTip(uid);
    if (i.uniqueId.size() > 8)
        uid.insert(8 * 3, QChar(0x200B));
    m_uniqueId->setText(uid);
    m_versions->setText(QCoreApplication::translate("piton::gui::MainWindow", "bootloader %1, firmware %2, application %3; security counter %4")
                            .arg(optionalVersion(i.bootloaderVersion), optionalVersion(i.firmwareVersion),
                                 optionalVersion(i.applicationVersion))
                            .arg(i.securityCounter));
    m_locked->setText(i.locked ? QCoreApplication::translate("piton::gui::MainWindow", "yes (production: raw writes refused)")
                               : QCoreApplication::translate("piton::gui::MainWindow", "no (development)"));
    const int role = i.role.value_or(PT_ROLE_NONE);
    const QString roleText = role == PT_ROLE_OBSERVER     ? QCoreApplication::translate("piton::gui::MainWindow", "observer")
                             : role == PT_ROLE_TECHNICIAN ? QCoreApplication::translate("piton::gui::MainWindow", "technician")
                             : role == PT_ROLE_FACTORY    ? QCoreApplication::translate("piton::gui::MainWindow", "factory")
                                                          : QCoreApplication::translate("piton::gui::MainWindow", "none");
    m_access->setText(!i.accessPolicy.value_or(false)     ? QCoreApplication::translate("piton::gui::MainWindow", "open (no access policy on the board)")
                      : i.accessKeyCount.value_or(1) == 0 ? noAccessKeyText(i)
                                                          : QCoreApplication::translate("piton::gui::MainWindow", "policy enforced; this session: %1").arg(roleText));
    QStringList keys;
    for (const QByteArray &k : i.trustedKeys)
        keys << fingerprintHex(k).left(32) + QStringLiteral("…");
    m_keys->setText(keys.isEmpty() ? QCoreApplication::translate("piton::gui::MainWindow", "none") : keys.join(QLatin1Char('\n')));
    QStringList fullKeys;
    for (const QByteArray &k : i.trustedKeys)
        fullKeys << fingerprintHex(k);
    m_keys->setToolTip(fullKeys.join(QLatin1Char('\n')));
}

} // namespace piton::gui
