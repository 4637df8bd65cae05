#include "keys_page.h"

#include "jobs/worker_threads.h"
#include "board/board_profile.h"
#include "file_field.h"
#include "main_window.h"
#include "work_pool.h"
#include "package/key_update.h"
#include "package/keys.h"

#include "piton/protocol.h"

#include <QComboBox>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace piton::gui {

KeysPage::KeysPage(std::function<QString(FileRole)> chooseFile, QWidget *parent)
    : QWidget(parent)
    , m_chooseFile(std::move(chooseFile))
{
    auto *col = new QVBoxLayout(this);

    auto *setBox = new QGroupBox(tr("The board's key set"));
    auto *setCol = new QVBoxLayout(setBox);
    m_keySet = new QPlainTextEdit;
    m_keySet->setObjectName(QStringLiteral("keySetText"));
    m_keySet->setReadOnly(true);
    m_keySet->setPlaceholderText(tr("Connect a board to see the keys it trusts."));
    // Fixed pitch: the lines are "role:  fingerprint" in columns; a line too long for the page
    // wraps before its fingerprint, never inside it.
    m_keySet->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keySet->setWordWrapMode(QTextOption::WordWrap);
    // Room for a key set with a few keys of each role without scrolling.
    m_keySet->setMinimumHeight(m_keySet->fontMetrics().lineSpacing() * 9 + 12);
    setCol->addWidget(m_keySet);
    col->addWidget(setBox, 3);

    auto *buildBox = new QGroupBox(tr("Build a key update"));
    auto *form = new QFormLayout(buildBox);
    m_board = new QComboBox;
    m_board->setObjectName(QStringLiteral("keysBoard"));
    m_board->setEditable(true);
    m_board->addItems(knownBoardIds());
    m_generation = new QSpinBox;
    m_generation->setObjectName(QStringLiteral("keysGeneration"));
    m_generation->setRange(1, 1000000);
    m_generation->setToolTip(tr("The board takes a key update only when its generation is above the board's"));
    form->addRow(tr("Board:"), m_board);
    form->addRow(tr("Generation:"), m_generation);
    form->addRow(tr("Root key (private):"),
                 makeFileField("keysRootKey", tr("signs the key update; keep it offline"), FileRole::OpenPrivateKey, m_chooseFile, &m_rootKey));
    form->addRow(tr("Add package key:"),
                 makeFileField("keysAddPackage", tr("public key of a new release key"), FileRole::OpenPublicKey, m_chooseFile, &m_addPackage));
    form->addRow(tr("Revoke package key:"),
                 makeFileField("keysRevokePackage", tr("public key file or fingerprint"), FileRole::OpenPublicKey, m_chooseFile, &m_revokePackage));
    form->addRow(tr("Add access key:"),
                 makeFileField("keysAddAccess", tr("public key of a new access key"), FileRole::OpenPublicKey, m_chooseFile, &m_addAccess));
    form->addRow(tr("Revoke access key:"),
                 makeFileField("keysRevokeAccess", tr("public key file or fingerprint"), FileRole::OpenPublicKey, m_chooseFile, &m_revokeAccess));
    form->addRow(tr("Add root key (private):"),
                 makeFileField("keysAddRoot", tr("optional: a new root key; it co-signs the update as proof of possession"),
                               FileRole::OpenPrivateKey, m_chooseFile, &m_addRoot));
    form->addRow(tr("Revoke root key:"),
                 makeFileField("keysRevokeRoot", tr("public key file or fingerprint; at least one root key stays"),
                               FileRole::OpenPublicKey, m_chooseFile, &m_revokeRoot));
    form->addRow(tr("New product key (private):"),
                 makeFileField("keysProductKey", tr("optional: replaces the board's product key"), FileRole::OpenPrivateKey, m_chooseFile, &m_productKey));
    form->addRow(tr("Current product key (public):"),
                 makeFileField("keysWrapTo", tr("the new one travels wrapped to it"), FileRole::OpenPublicKey, m_chooseFile, &m_wrapTo));
    auto *buttons = new QHBoxLayout;
    m_build = new QPushButton(tr("&Build key update…"));
    m_build->setObjectName(QStringLiteral("buildKeyUpdateButton"));
    m_apply = new QPushButton(tr("&Apply to the board…"));
    m_apply->setObjectName(QStringLiteral("applyKeyUpdateButton"));
    m_apply->setToolTip(tr("Sends a key update file to the connected board (a factory credential where the access policy applies)"));
    m_apply->setEnabled(false);
    buttons->addWidget(m_build);
    buttons->addWidget(m_apply);
    buttons->addStretch(1);
    form->addRow(buttons);
    col->addWidget(buildBox);

    m_result = new QPlainTextEdit;
    m_result->setObjectName(QStringLiteral("keysResult"));
    m_result->setReadOnly(true);
    m_result->setMinimumHeight(m_result->fontMetrics().lineSpacing() * 4 + 12);
    col->addWidget(m_result, 1);

    connect(m_build, &QPushButton::clicked, this, &KeysPage::buildKeyUpdate);
    connect(m_apply, &QPushButton::clicked, this, &KeysPage::applyKeyUpdate);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome o = m_watcher.result();
        m_result->setPlainText(o.text);
        emit logMessage(o.ok ? LogLevel::Info : LogLevel::Error, o.text);
        m_busy = false;
        m_build->setEnabled(true);
        emit buildFinished(o.ok);
    });
}

KeysPage::~KeysPage()
{
    m_watcher.waitForFinished();
}

QString KeysPage::keySetText() const
{
    return m_keySet->toPlainText();
}

QString KeysPage::resultText() const
{
    return m_result->toPlainText();
}

void KeysPage::setDeviceReady(bool ready)
{
    m_apply->setEnabled(ready);
}

void KeysPage::showKeySet(const DeviceInfo &info, bool connected)
{
    if (!connected) {
        m_keySet->clear();
        return;
    }
    QStringList lines;
    if (!info.keySetGeneration) {
        lines << tr("This board does not report a key set: it keeps its provisioned keys and takes no key updates.");
    } else {
        lines << tr("Key set generation %1%2; key store: %3 of %4 slots used")
                     .arg(*info.keySetGeneration)
                     .arg(*info.keySetGeneration == 0 ? tr(" (as provisioned)") : QString())
                     .arg(info.keyStoreUsed.value_or(0))
                     .arg(info.keyStoreSlots.value_or(0));
        if (!m_board->currentText().isEmpty() && m_board->currentText() != info.boardId)
            m_board->setCurrentText(info.boardId);
        else if (m_board->currentText().isEmpty())
            m_board->setCurrentText(info.boardId);
        m_generation->setValue(int(qMin<quint32>(*info.keySetGeneration + 1, 1000000)));
    }
    for (const QByteArray &k : info.trustedKeys)
        lines << tr("package key:  %1").arg(fingerprintHex(k));
    for (const QByteArray &k : info.rootKeys)
        lines << tr("root key:     %1").arg(fingerprintHex(k));
    for (const QByteArray &k : info.accessKeys)
        lines << tr("access key:   %1").arg(fingerprintHex(k));
    lines << tr("product key:  %1").arg(info.productKey.isEmpty() ? tr("none") : fingerprintHex(info.productKey));
    for (const DeviceInfo::RevokedKey &k : info.revokedKeys)
        lines << tr("revoked:      %1 (%2 key)").arg(fingerprintHex(k.fingerprint), keyRoleName(k.role));
    m_keySet->setPlainText(lines.join(QLatin1Char('\n')));
}

void KeysPage::buildKeyUpdate()
{
    const QString board = m_board->currentText().trimmed();
    const quint32 generation = quint32(m_generation->value());
    const QString root = m_rootKey->text().trimmed(), addPackage = m_addPackage->text().trimmed(),
                  revokePackage = m_revokePackage->text().trimmed(), addAccess = m_addAccess->text().trimmed(),
                  revokeAccess = m_revokeAccess->text().trimmed(), product = m_productKey->text().trimmed(),
                  wrapTo = m_wrapTo->text().trimmed(), addRoot = m_addRoot->text().trimmed(),
                  revokeRoot = m_revokeRoot->text().trimmed();
    if (root.isEmpty()) {
        m_result->setPlainText(tr("Key update not built: choose the root key that signs it."));
        emit buildFinished(false);
        return;
    }
    const QString output = m_chooseFile(FileRole::SavePackage);
    if (output.isEmpty())
        return;
    m_busy = true;
    m_build->setEnabled(false);
    m_result->setPlainText(tr("building the key update…"));
    auto work = [=]() -> Outcome {
        auto fail = [](const Error &e) { return Outcome{false, tr("Key update not built: %1").arg(e.message)}; };
        KeyUpdateSpec spec;
        spec.boardId = board;
        spec.generation = generation;
        for (const auto &[path, list] : {std::pair{addPackage, &spec.addPackageKeys}, std::pair{addAccess, &spec.addAccessKeys}}) {
            if (path.isEmpty())
                continue;
            auto key = loadPublicKey(path);
            if (!key)
                return fail(key.error());
            list->append(*key);
        }
        for (const auto &[text, list] : {std::pair{revokePackage, &spec.revokePackageKeys}, std::pair{revokeAccess, &spec.revokeAccessKeys},
                                         std::pair{revokeRoot, &spec.revokeRootKeys}}) {
            if (text.isEmpty())
                continue;
            auto fp = keyFingerprintOf(text);
            if (!fp)
                return fail(fp.error());
            list->append(*fp);
        }
        if (!addRoot.isEmpty()) {
            auto key = loadPrivateKey(addRoot);
            if (!key)
                return fail(key.error());
            spec.addRootKey = *key;
        }
        if (!product.isEmpty()) {
            auto key = loadPrivateKey(product);
            if (!key)
                return fail(key.error());
            spec.newProductKey = *key;
            if (!wrapTo.isEmpty()) {
                auto old = loadPublicKey(wrapTo);
                if (!old)
                    return fail(old.error());
                spec.wrapTo = *old;
            }
        }
        auto rootKey = loadPrivateKey(root);
        if (!rootKey)
            return fail(rootKey.error());
        auto bytes = createKeyUpdate(spec, *rootKey);
        if (!bytes)
            return fail(bytes.error());
        auto parsed = KeyUpdate::parse(*bytes);
        if (!parsed)
            return fail(parsed.error());
        QFile f(output);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(*bytes) != bytes->size() || !f.flush())
            return fail(Error::make(ErrorKind::Io, tr("cannot write %1: %2").arg(output, f.errorString())));
        QStringList lines{tr("Key update for board %1, generation %2, written to %3 (%4 bytes), signed by root key %5:")
                              .arg(board)
                              .arg(generation)
                              .arg(output)
                              .arg(bytes->size())
                              .arg(fingerprintHex(rootKey->publicKey().fingerprint()))};
        for (const KeyUpdateEntry &e : parsed->entries)
            lines << tr("  %1 %2 key %3")
                         .arg(e.action == PT_KEYUPD_ADD ? tr("add") : tr("revoke"), keyRoleName(e.role), fingerprintHex(e.fingerprint));
        return Outcome{true, lines.join(QLatin1Char('\n'))};
    };
    m_watcher.setFuture(QtConcurrent::run(pageWorkPool(), [work] {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
        return work();
    }));
}

void KeysPage::applyKeyUpdate()
{
    const QString path = m_chooseFile(FileRole::OpenPackage);
    if (!path.isEmpty())
        emit applyRequested(path);
}

} // namespace piton::gui
