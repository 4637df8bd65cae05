#include "line/recipe.h"
#include "line/line_text_p.h"

#include "config/config_blob.h"

#include <algorithm>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace piton::line {

namespace {

struct StepInfo {
    StepKind kind;
    const char *name;
};
constexpr StepInfo kSteps[] = {{StepKind::Backup, "backup"}, {StepKind::Deploy, "deploy"}, {StepKind::Config, "config"},
                               {StepKind::Verify, "verify"}, {StepKind::Confirm, "confirm"}, {StepKind::Reboot, "reboot"},
                               {StepKind::Lock, "lock"}};

Result<void> onlyKeys(const QJsonObject &o, const QStringList &allowed, const QString &where)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key()))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: unknown key '%2' (allowed: %3)").arg(where, it.key(), allowed.join(QStringLiteral(", "))));
    return {};
}

bool isSha256Hex(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

} // namespace

QString stepName(StepKind kind)
{
    for (const StepInfo &s : kSteps)
        if (s.kind == kind)
            return QString::fromLatin1(s.name);
    return {};
}

bool stepRepeatSafe(StepKind kind)
{
    return kind != StepKind::Lock;
}

QJsonObject Recipe::toJson() const
{
    QJsonArray pkgs;
    for (const RecipePackage &p : packages)
        pkgs.append(QJsonObject{{QStringLiteral("file"), p.file}, {QStringLiteral("sha256"), p.sha256}});
    QJsonObject poolObject;
    for (const PoolSpec &p : pools)
        poolObject.insert(p.name, p.toJson());
    QJsonArray cfg;
    for (const RecipeConfigEntry &e : config) {
        QJsonObject o{{QStringLiteral("key"), e.key}};
        if (e.pool.isEmpty())
            o.insert(QStringLiteral("value"), e.value);
        else
            o.insert(QStringLiteral("pool"), e.pool);
        cfg.append(o);
    }
    QJsonArray stepArray;
    for (const RecipeStep &s : steps) {
        QJsonObject o{{QStringLiteral("step"), stepName(s.kind)}, {QStringLiteral("retries"), s.retries}};
        if (s.kind == StepKind::Deploy || s.kind == StepKind::Reboot)
            o.insert(QStringLiteral("timeoutMs"), s.timeoutMs);
        if (s.kind == StepKind::Backup)
            o.insert(QStringLiteral("dir"), s.dir);
        stepArray.append(o);
    }
    QJsonObject o{
        {QStringLiteral("format"), QString::fromLatin1(kRecipeFormat)},
        {QStringLiteral("name"), name},
        {QStringLiteral("version"), version},
        {QStringLiteral("board"), board},
        {QStringLiteral("packages"), pkgs},
        {QStringLiteral("pools"), poolObject},
        {QStringLiteral("config"), cfg},
        {QStringLiteral("steps"), stepArray},
        {QStringLiteral("failedIdentifiers"),
         failedIdentifiers == FailedIdentifierPolicy::Void ? QStringLiteral("void") : QStringLiteral("keep-for-board")},
    };
    if (!credential.isEmpty()) // only when given: recipes without one keep their hash
        o.insert(QStringLiteral("credential"), credential);
    return o;
}

QString Recipe::sha256() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(toJson()).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex());
}

const PoolSpec *Recipe::pool(const QString &poolName) const
{
    for (const PoolSpec &p : pools)
        if (p.name == poolName)
            return &p;
    return nullptr;
}

QString Recipe::credentialPath() const
{
    if (credential.isEmpty())
        return {};
    return QDir::isAbsolutePath(credential) ? credential : QDir(baseDir).filePath(credential);
}

QString Recipe::packagePath(int index) const
{
    const QString file = packages.value(index).file;
    return QDir::isAbsolutePath(file) ? file : QDir(baseDir).filePath(file);
}

Result<Recipe> Recipe::parse(const QByteArray &json, const QString &baseDir)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("piton::line", "not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return Error::make(ErrorKind::Format, QCoreApplication::translate("piton::line", "a recipe is a JSON object"));
    const QJsonObject o = doc.object();
    if (auto ok = onlyKeys(o, {QStringLiteral("format"), QStringLiteral("name"), QStringLiteral("version"), QStringLiteral("board"),
                               QStringLiteral("packages"), QStringLiteral("pools"), QStringLiteral("config"), QStringLiteral("steps"),
                               QStringLiteral("failedIdentifiers"), QStringLiteral("credential")},
                           QCoreApplication::translate("piton::line", "recipe"));
        !ok)
        return ok.error();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String(kRecipeFormat))
        return Error::make(ErrorKind::Format, QCoreApplication::translate("piton::line", "'format' must be \"%1\" (is %2)")
                                                  .arg(QLatin1String(kRecipeFormat),
                                                       QString::fromUtf8(QJsonDocument(QJsonArray{o.value(QStringLiteral("format"))})
                                                                             .toJson(QJsonDocument::Compact))));
    Recipe r;
    r.baseDir = baseDir;
    r.name = o.value(QStringLiteral("name")).toString();
    r.version = o.value(QStringLiteral("version")).toString();
    r.board = o.value(QStringLiteral("board")).toString();
    if (o.contains(QStringLiteral("credential"))) {
        r.credential = o.value(QStringLiteral("credential")).toString();
        if (r.credential.isEmpty())
            return lineUsage(QCoreApplication::translate("piton::line", "'credential' must name a credential file (.ptcred, from piton-cli access issue)"));
    }
    if (r.name.isEmpty())
        return lineUsage(QCoreApplication::translate("piton::line", "'name' is missing"));
    static const QRegularExpression boardRe(QStringLiteral("^[\\x21-\\x7e]{1,31}$"));
    if (!boardRe.match(r.board).hasMatch())
        return lineUsage(QCoreApplication::translate("piton::line", "'board' must be a board id of 1..31 printable ASCII characters"));

    const QJsonArray pkgs = o.value(QStringLiteral("packages")).toArray();
    for (qsizetype i = 0; i < pkgs.size(); ++i) {
        const QString where = QCoreApplication::translate("piton::line", "packages[%1]").arg(i);
        const QJsonObject p = pkgs[i].toObject();
        if (auto ok = onlyKeys(p, {QStringLiteral("file"), QStringLiteral("sha256")}, where); !ok)
            return ok.error();
        RecipePackage pkg{p.value(QStringLiteral("file")).toString(), p.value(QStringLiteral("sha256")).toString().toLower()};
        if (pkg.file.isEmpty())
            return lineUsage(QCoreApplication::translate("piton::line", "%1: 'file' is missing").arg(where));
        if (!isSha256Hex(pkg.sha256))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: 'sha256' must be 64 hex digits (the SHA-256 of the .ptpkg file)").arg(where));
        r.packages.append(pkg);
    }

    const QJsonObject pools = o.value(QStringLiteral("pools")).toObject();
    for (auto it = pools.begin(); it != pools.end(); ++it) {
        auto pool = PoolSpec::fromJson(it.key(), it.value().toObject(), baseDir);
        if (!pool)
            return pool.error();
        r.pools.append(*pool);
    }

    QSet<QString> keys;
    const QJsonArray cfg = o.value(QStringLiteral("config")).toArray();
    for (qsizetype i = 0; i < cfg.size(); ++i) {
        const QJsonObject e = cfg[i].toObject();
        const QString where = QCoreApplication::translate("piton::line", "config[%1]").arg(i);
        if (auto ok = onlyKeys(e, {QStringLiteral("key"), QStringLiteral("value"), QStringLiteral("pool")}, where); !ok)
            return ok.error();
        RecipeConfigEntry entry{e.value(QStringLiteral("key")).toString(), e.value(QStringLiteral("value")).toString(),
                                e.value(QStringLiteral("pool")).toString()};
        if (e.contains(QStringLiteral("value")) == e.contains(QStringLiteral("pool")))
            return lineUsage(QCoreApplication::translate("piton::line", "%1 (%2): give either 'value' or 'pool'").arg(where, entry.key));
        if (keys.contains(entry.key))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: key '%2' is written twice").arg(where, entry.key));
        keys.insert(entry.key);
        // A constant must pass the key's rules; a pool's longest value as well (a serial format
        // that makes 40 characters is refused here, not on the 500th board).
        QString sample = entry.value;
        if (!entry.pool.isEmpty()) {
            const PoolSpec *pool = r.pool(entry.pool);
            if (!pool)
                return lineUsage(QCoreApplication::translate("piton::line", "%1 (%2): no pool '%3' in 'pools'").arg(where, entry.key, entry.pool));
            if (pool->type == PoolType::UniqueId)
                sample = pool->uidValue(QByteArray(16, '\xff'));
            else if (pool->type == PoolType::List)
                sample.clear();
            else
                sample = pool->valueAt(pool->last, QDate(2099, 12, 31));
            if (pool->type == PoolType::Barcode) { // checked when scanned (Station::scanBarcode)
                r.config.append(entry);
                continue;
            }
            if (pool->type == PoolType::List) {
                for (const QString &v : pool->values)
                    if (auto ok = validateConfigEntry(entry.key, v.toUtf8()); !ok)
                        return lineUsage(QCoreApplication::translate("piton::line", "%1: pool '%2' holds '%3': %4").arg(where, entry.pool, v, ok.error().message));
                r.config.append(entry);
                continue;
            }
        }
        if (auto ok = validateConfigEntry(entry.key, sample.toUtf8()); !ok)
            return lineUsage(entry.pool.isEmpty() ? QCoreApplication::translate("piton::line", "%1: %2").arg(where, ok.error().message)
                                              : QCoreApplication::translate("piton::line", "%1: pool '%2' makes values like '%3': %4").arg(where, entry.pool, sample, ok.error().message));
        r.config.append(entry);
    }

    const QJsonArray steps = o.value(QStringLiteral("steps")).toArray();
    if (steps.isEmpty())
        return lineUsage(QCoreApplication::translate("piton::line", "'steps' is missing or empty (e.g. [{\"step\":\"deploy\"},{\"step\":\"config\"},{\"step\":\"verify\"}])"));
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject s = steps[i].toObject();
        const QString name = s.value(QStringLiteral("step")).toString();
        const QString where = QCoreApplication::translate("piton::line", "steps[%1] (%2)").arg(i).arg(name);
        if (auto ok = onlyKeys(s, {QStringLiteral("step"), QStringLiteral("retries"), QStringLiteral("timeoutMs"), QStringLiteral("dir")}, where);
            !ok)
            return ok.error();
        RecipeStep step;
        bool known = false;
        for (const StepInfo &info : kSteps)
            if (name == QLatin1String(info.name)) {
                step.kind = info.kind;
                known = true;
            }
        if (!known)
            return lineUsage(QCoreApplication::translate("piton::line", "steps[%1]: unknown step '%2' (backup, deploy, config, verify, confirm, reboot, lock)").arg(i).arg(name));
        step.retries = s.value(QStringLiteral("retries")).toInt(0);
        step.timeoutMs = s.value(QStringLiteral("timeoutMs")).toInt(60000);
        step.dir = s.value(QStringLiteral("dir")).toString();
        if (step.retries < 0 || step.retries > 5)
            return lineUsage(QCoreApplication::translate("piton::line", "%1: retries must be 0..5").arg(where));
        if (step.retries > 0 && !stepRepeatSafe(step.kind))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: this step is not safe to repeat and is never retried").arg(where));
        if (step.timeoutMs < 1000 || step.timeoutMs > 600000)
            return lineUsage(QCoreApplication::translate("piton::line", "%1: timeoutMs must be 1000..600000").arg(where));
        switch (step.kind) {
        case StepKind::Lock:
            // Irreversible: after everything that writes the board, so a board is locked only
            // once it holds what it ships with (a reboot may follow).
            if (std::any_of(r.steps.cbegin(), r.steps.cend(), [](const RecipeStep &st) { return st.kind == StepKind::Lock; }))
                return lineUsage(QCoreApplication::translate("piton::line", "%1: the board is locked once").arg(where));
            break;
        case StepKind::Config:
            if (r.config.isEmpty())
                return lineUsage(QCoreApplication::translate("piton::line", "%1: the recipe has no 'config' entries to write").arg(where));
            break;
        case StepKind::Deploy:
        case StepKind::Verify:
            if (r.packages.isEmpty() && (step.kind == StepKind::Deploy || r.config.isEmpty()))
                return lineUsage(QCoreApplication::translate("piton::line", "%1: the recipe has no 'packages'").arg(where));
            break;
        case StepKind::Backup:
            if (step.dir.isEmpty())
                return lineUsage(QCoreApplication::translate("piton::line", "%1: needs 'dir', the folder for the backups").arg(where));
            break;
        default:
            break;
        }
        if (step.kind != StepKind::Reboot && step.kind != StepKind::Lock
            && std::any_of(r.steps.cbegin(), r.steps.cend(), [](const RecipeStep &st) { return st.kind == StepKind::Lock; }))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: only 'reboot' may follow 'lock' (locking is irreversible: it comes last)").arg(where));
        r.steps.append(step);
    }

    const QString policy = o.value(QStringLiteral("failedIdentifiers")).toString(QStringLiteral("void"));
    if (policy == QLatin1String("void"))
        r.failedIdentifiers = FailedIdentifierPolicy::Void;
    else if (policy == QLatin1String("keep-for-board"))
        r.failedIdentifiers = FailedIdentifierPolicy::KeepForBoard;
    else
        return lineUsage(QCoreApplication::translate("piton::line", "'failedIdentifiers' must be \"void\" or \"keep-for-board\", is '%1'").arg(policy));
    return r;
}

Result<Recipe> Recipe::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "cannot read %1: %2").arg(path, f.errorString()));
    auto r = parse(f.readAll(), QFileInfo(path).absolutePath());
    if (!r)
        return Error::make(r.error().kind, QCoreApplication::translate("piton::line", "%1: %2").arg(path, r.error().message));
    return r;
}

Result<QList<Package>> Recipe::loadPackages() const
{
    QList<Package> list;
    for (int i = 0; i < packages.size(); ++i) {
        const QString path = packagePath(i);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "cannot read package %1: %2").arg(path, f.errorString()));
        const QByteArray bytes = f.readAll();
        const QString actual = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        if (actual != packages[i].sha256)
            return Error::make(ErrorKind::Verify,
                               QCoreApplication::translate("piton::line", "package %1 has SHA-256 %2, the recipe pins %3 (the file changed after the recipe was made)")
                                   .arg(path, actual, packages[i].sha256));
        auto pkg = Package::parse(bytes);
        if (!pkg)
            return Error::make(pkg.error().kind, QCoreApplication::translate("piton::line", "%1: %2").arg(path, pkg.error().message));
        if (pkg->manifest.boardId != board)
            return lineUsage(QCoreApplication::translate("piton::line", "package %1 is built for board '%2', the recipe is for '%3'").arg(path, pkg->manifest.boardId, board));
        list.append(*pkg);
    }
    return list;
}

} // namespace piton::line
