#include "package_tools_page.h"

#include "jobs/worker_threads.h"
#include "board/board_profile.h"
#include "file_field.h"
#include "image/image_file.h"
#include "main_window.h"
#include "work_pool.h"
#include "package/encryption.h"
#include "package/package_tools.h"
#include "region_map.h"
#include "version.h"

#include "piton/protocol.h"

#include <QComboBox>
#include <QFileInfo>
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

QString describePackageFile(const QString &path, const QString &publicKeyPath, bool *ok)
{
    *ok = false;
    auto package = Package::load(path);
    if (!package)
        return PackageToolsPage::tr("Not a usable package: %1").arg(package.error().message);
    const Manifest &m = package->manifest;
    QStringList lines;
    lines << PackageToolsPage::tr("Package %1").arg(path)
          << PackageToolsPage::tr("Size: %1 bytes, SHA-256 %2").arg(package->fileBytes.size()).arg(QString::fromLatin1(package->sha256().toHex()))
          << PackageToolsPage::tr("Board: %1, version %2, security counter %3").arg(m.boardId, versionToString(m.version)).arg(m.securityCounter);
    for (const PayloadDescriptor &d : m.payloads) {
        lines << PackageToolsPage::tr("%1 %2 → %3 +%4, %5 bytes%6")
                     .arg(d.kind == PT_PAYLOAD_FIRMWARE ? PackageToolsPage::tr("firmware") : PackageToolsPage::tr("application"),
                          versionToString(d.version), d.region, hexAddress(d.loadOffset))
                     .arg(d.installSize())
                     .arg(d.requiresFirmware ? PackageToolsPage::tr(", requires firmware %1").arg(versionToString(d.requiresFirmware)) : QString());
        if (d.encoding & PT_ENCODING_LZ4)
            lines << PackageToolsPage::tr("    LZ4-compressed: %1 bytes stored (%2 % of the image)")
                         .arg(d.size).arg(d.installSize() ? 100.0 * d.size / d.installSize() : 0.0, 0, 'f', 1);
        lines << QStringLiteral("    SHA-256 %1").arg(QString::fromLatin1(d.sha256.toHex()));
    }
    if (!m.keyBlock.isEmpty()) {
        // Encrypted payloads: to whom the content key is wrapped (docs/package-format.md).
        auto kb = KeyBlock::parse(m.keyBlock);
        if (!kb) {
            lines << PackageToolsPage::tr("Encrypted: key block unreadable: %1").arg(kb.error().message);
        } else {
            lines << PackageToolsPage::tr("Encrypted (AES-256-CTR), content key wrapped to %n key(s):", nullptr, int(kb->recipients.size()));
            for (const Recipient &r : kb->recipients)
                lines << (r.kind == PT_RECIPIENT_PRODUCT ? PackageToolsPage::tr("    product key %1").arg(fingerprintHex(r.fingerprint))
                                                         : PackageToolsPage::tr("    device key %1").arg(fingerprintHex(r.fingerprint)));
        }
    }
    const auto hashes = package->verifyPayloadHashes();
    lines << (hashes ? PackageToolsPage::tr("Payload hashes: ok") : PackageToolsPage::tr("Payload hashes: %1").arg(hashes.error().message));
    bool good = bool(hashes);
    if (auto named = package->namedSignerFingerprint(); !named) {
        lines << PackageToolsPage::tr("Signer: %1").arg(named.error().message);
        good = false;
    } else if (named->isEmpty()) {
        lines << PackageToolsPage::tr("Signer: not named in the package (made by an older Piton)");
    } else {
        lines << PackageToolsPage::tr("Signer: key %1 (the signature verifies under it)").arg(fingerprintHex(named.value()));
    }
    if (!publicKeyPath.isEmpty()) {
        auto key = loadPublicKey(publicKeyPath);
        if (!key) {
            lines << PackageToolsPage::tr("Signature: %1").arg(key.error().message);
            good = false;
        } else {
            const QByteArray signer = package->signerFingerprint({key.value()});
            if (signer.isEmpty()) {
                lines << PackageToolsPage::tr("Signature: does NOT verify under %1").arg(publicKeyPath);
                good = false;
            } else {
                lines << PackageToolsPage::tr("Signature: valid, key %1").arg(fingerprintHex(signer));
            }
        }
    } else {
        lines << PackageToolsPage::tr("Signature against a key of yours: not checked (choose a public key to check it)");
    }
    *ok = good;
    return lines.join(QLatin1Char('\n'));
}

PackageToolsPage::PackageToolsPage(std::function<QString(FileRole)> chooseFile, QWidget *parent)
    : QWidget(parent)
    , m_chooseFile(std::move(chooseFile))
{
    auto *col = new QVBoxLayout(this);

    auto *keyBox = new QGroupBox(tr("Signing keys"));
    auto *keyRow = new QHBoxLayout(keyBox);
    m_generate = new QPushButton(tr("&Generate key pair…"));
    m_generate->setObjectName(QStringLiteral("generateKeyButton"));
    m_generate->setToolTip(tr("New EC P-256 key pair: the private key signs packages, the public key goes on the boards"));
    keyRow->addWidget(m_generate);
    keyRow->addStretch(1);
    col->addWidget(keyBox);

    auto *buildBox = new QGroupBox(tr("Build a package"));
    auto *form = new QFormLayout(buildBox);
    m_board = new QComboBox;
    m_board->setObjectName(QStringLiteral("toolsBoard"));
    m_board->setEditable(true);
    m_board->addItems(knownBoardIds());
    m_version = new QLineEdit;
    m_version->setObjectName(QStringLiteral("toolsVersion"));
    m_version->setPlaceholderText(QStringLiteral("1.0.0"));
    m_counter = new QSpinBox;
    m_counter->setObjectName(QStringLiteral("toolsCounter"));
    m_counter->setRange(0, 1000000);
    m_counter->setToolTip(tr("Security counter: boards refuse packages with a lower one (anti-rollback)"));
    QWidget *row = nullptr;
    row = makeFileField("toolsFirmware", tr("firmware image (.hex, .srec, .elf, .dfu, .uf2, .bin)"), FileRole::OpenImage, m_chooseFile, &m_firmware);
    form->addRow(tr("Board:"), m_board);
    form->addRow(tr("Version:"), m_version);
    form->addRow(tr("Security counter:"), m_counter);
    form->addRow(tr("Firmware:"), row);
    m_firmwareBase = new QLineEdit;
    m_firmwareBase->setObjectName(QStringLiteral("toolsFirmwareBase"));
    m_firmwareBase->setPlaceholderText(tr("load address, raw binaries only"));
    form->addRow(tr("Firmware address:"), m_firmwareBase);
    row = makeFileField("toolsApplication", tr("application image (.hex, .srec, .elf, .dfu, .uf2, .bin)"), FileRole::OpenImage, m_chooseFile, &m_application);
    form->addRow(tr("Application:"), row);
    m_applicationBase = new QLineEdit;
    m_applicationBase->setObjectName(QStringLiteral("toolsApplicationBase"));
    m_applicationBase->setPlaceholderText(tr("load address, raw binaries only"));
    form->addRow(tr("Application address:"), m_applicationBase);
    m_requiresFirmware = new QLineEdit;
    m_requiresFirmware->setObjectName(QStringLiteral("toolsRequiresFirmware"));
    m_requiresFirmware->setPlaceholderText(tr("optional, e.g. 1.2.0"));
    form->addRow(tr("Requires firmware:"), m_requiresFirmware);
    m_compression = new QComboBox;
    m_compression->setObjectName(QStringLiteral("toolsCompression"));
    m_compression->addItem(tr("LZ4 where it saves at least 1/8"), int(Compression::Auto));
    m_compression->addItem(tr("LZ4 always"), int(Compression::Lz4));
    m_compression->addItem(tr("Off (readable by bootloaders before compression)"), int(Compression::Off));
    m_compression->setToolTip(tr("Compressed payloads travel and stage faster; the bootloader decompresses while installing"));
    form->addRow(tr("Compression:"), m_compression);
    // Encryption: the same request fields as `package create --encrypt-to ... --device ...`.
    row = makeFileField("toolsEncryptTo", tr("product public key (.pem); empty: not encrypted"), FileRole::OpenPublicKey,
                        m_chooseFile, &m_encryptTo);
    m_encryptTo->setToolTip(tr("Encrypts the payloads (AES-256-CTR) with a random content key wrapped to this product key; "
                               "boards provisioned with its private half decrypt while installing"));
    form->addRow(tr("Encrypt to:"), row);
    row = makeFileField("toolsDeviceKeys", tr("device public keys (.pem), separated by ; (optional)"), FileRole::OpenPublicKey,
                        m_chooseFile, &m_deviceKeys);
    m_deviceKeys->setToolTip(tr("Also wraps the content key to these device keys (needs a product key)"));
    form->addRow(tr("Device keys:"), row);
    row = makeFileField("toolsKey", tr("private key (.pem)"), FileRole::OpenPrivateKey, m_chooseFile, &m_key);
    form->addRow(tr("Signing key:"), row);
    m_build = new QPushButton(tr("&Build and sign…"));
    m_build->setObjectName(QStringLiteral("buildPackageButton"));
    form->addRow(m_build);
    col->addWidget(buildBox);

    auto *inspectBox = new QGroupBox(tr("Inspect a package"));
    auto *inspectForm = new QFormLayout(inspectBox);
    row = makeFileField("toolsPublicKey", tr("public key to check the signature (optional)"), FileRole::OpenPublicKey, m_chooseFile, &m_publicKey);
    inspectForm->addRow(tr("Public key:"), row);
    m_inspect = new QPushButton(tr("&Inspect…"));
    m_inspect->setObjectName(QStringLiteral("inspectPackageButton"));
    inspectForm->addRow(m_inspect);
    col->addWidget(inspectBox);

    m_result = new QPlainTextEdit;
    m_result->setObjectName(QStringLiteral("toolsResult"));
    m_result->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_result->setFont(mono);
    col->addWidget(m_result, 1);

    connect(m_generate, &QPushButton::clicked, this, &PackageToolsPage::generateKeyPair);
    connect(m_build, &QPushButton::clicked, this, &PackageToolsPage::buildPackage);
    connect(m_inspect, &QPushButton::clicked, this, &PackageToolsPage::inspectPackage);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome o = m_watcher.result();
        m_result->setPlainText(o.text);
        emit logMessage(o.ok ? LogLevel::Info : LogLevel::Error, o.text.section(QLatin1Char('\n'), 0, 0));
        setBusy(false);
        emit toolFinished(o.ok);
    });
}

PackageToolsPage::~PackageToolsPage()
{
    m_watcher.waitForFinished();
}

QString PackageToolsPage::resultText() const
{
    return m_result->toPlainText();
}

void PackageToolsPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QPushButton *b : {m_generate, m_build, m_inspect})
        b->setEnabled(!busy);
}

void PackageToolsPage::run(const QString &what, std::function<Outcome()> work)
{
    setBusy(true);
    m_result->setPlainText(what);
    emit logMessage(LogLevel::Info, what);
    m_watcher.setFuture(QtConcurrent::run(pageWorkPool(), [work = std::move(work)] {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
        return work();
    }));
}

void PackageToolsPage::generateKeyPair()
{
    const QString privatePath = m_chooseFile(FileRole::SavePrivateKey);
    if (privatePath.isEmpty())
        return;
    QString publicPath = privatePath;
    if (publicPath.endsWith(QLatin1String(".pem")))
        publicPath.chop(4);
    publicPath += QStringLiteral(".pub.pem");
    run(tr("generating a key pair…"), [privatePath, publicPath] {
        auto files = generateKeyFiles(privatePath, publicPath);
        if (!files)
            return Outcome{false, tr("Key pair not generated: %1").arg(files.error().message)};
        return Outcome{true, tr("Key pair written: private key %1 (keep it secret), public key %2\nFingerprint %3")
                                 .arg(files->privatePath, files->publicPath, fingerprintHex(files->fingerprint))};
    });
    if (m_key->text().isEmpty())
        m_key->setText(privatePath);
    if (m_publicKey->text().isEmpty())
        m_publicKey->setText(publicPath);
}

void PackageToolsPage::buildPackage()
{
    PackageRequest r;
    QStringList problems;
    r.boardId = m_board->currentText().trimmed();
    if (r.boardId.isEmpty())
        problems << tr("choose a board");
    if (auto v = parseVersion(m_version->text().trimmed()))
        r.version = *v;
    else
        problems << tr("version \"%1\" is not X.Y.Z").arg(m_version->text());
    r.securityCounter = quint32(m_counter->value());
    r.firmwarePath = m_firmware->text().trimmed();
    r.applicationPath = m_application->text().trimmed();
    if (r.firmwarePath.isEmpty() && r.applicationPath.isEmpty())
        problems << tr("give a firmware image, an application image, or both");
    const auto address = [&problems](QLineEdit *e, std::optional<quint32> *out) {
        if (e->text().trimmed().isEmpty())
            return;
        *out = parseAddress(e->text());
        if (!*out)
            problems << tr("\"%1\" is not an address (0x08040000 or decimal)").arg(e->text());
    };
    address(m_firmwareBase, &r.firmwareBase);
    address(m_applicationBase, &r.applicationBase);
    if (!m_requiresFirmware->text().trimmed().isEmpty()) {
        if (auto v = parseVersion(m_requiresFirmware->text().trimmed()))
            r.requiresFirmware = *v;
        else
            problems << tr("required firmware \"%1\" is not X.Y.Z").arg(m_requiresFirmware->text());
    }
    r.compression = Compression(m_compression->currentData().toInt());
    r.encryptToPath = m_encryptTo->text().trimmed();
    for (const QString &path : m_deviceKeys->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
        if (!path.trimmed().isEmpty())
            r.deviceKeyPaths << path.trimmed();
    if (!r.deviceKeyPaths.isEmpty() && r.encryptToPath.isEmpty())
        problems << tr("device keys are extra recipients: choose the product key to encrypt to as well");
    r.keyPath = m_key->text().trimmed();
    if (r.keyPath.isEmpty())
        problems << tr("choose the private key to sign with");
    if (!problems.isEmpty()) {
        const QString text = tr("Package not built: %1").arg(problems.join(QStringLiteral("; ")));
        m_result->setPlainText(text);
        emit logMessage(LogLevel::Error, text);
        emit toolFinished(false);
        return;
    }
    r.outputPath = m_chooseFile(FileRole::SavePackage);
    if (r.outputPath.isEmpty())
        return;
    run(tr("building %1…").arg(r.outputPath), [r] {
        auto created = createPackageFile(r);
        if (!created)
            return Outcome{false, tr("Package not built: %1").arg(created.error().message)};
        bool ok = false;
        const QString details = describePackageFile(r.outputPath, QString(), &ok);
        QString warnings;
        for (const QString &w : created->warnings)
            warnings += tr("Warning: %1").arg(w) + QLatin1Char('\n');
        return Outcome{true, warnings + tr("Package written: %1, signed by key %2\n%3")
                                           .arg(r.outputPath, fingerprintHex(created->signer), details)};
    });
}

void PackageToolsPage::inspectPackage()
{
    const QString path = m_chooseFile(FileRole::OpenPackage);
    if (!path.isEmpty())
        inspectPackageFile(path);
}

void PackageToolsPage::inspectPackageFile(const QString &path)
{
    const QString key = m_publicKey->text().trimmed();
    run(tr("inspecting %1…").arg(path), [path, key] {
        bool ok = false;
        QString text = describePackageFile(path, key, &ok);
        return Outcome{ok, text};
    });
}

} // namespace piton::gui
