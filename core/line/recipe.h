// Recipes of line mode (docs/line-mode.md, "Recipe format"): what a station does to every
// board of one product. A JSON file, content-hashed: the hash of its canonical form is stored
// with its release and with every attempt.
#pragma once

#include "error.h"
#include "line/identifier_pool.h"
#include "package/package.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace piton::line {

/** The format tag a recipe file carries in "format". */
inline constexpr char kRecipeFormat[] = "piton-recipe/1";

/** Steps a recipe can order. Lock (protocol LOCK, docs/protocol.md §4.13) is irreversible:
 *  at most once, never retried, and only reboot may follow it. */
enum class StepKind { Backup, Deploy, Config, Verify, Confirm, Reboot, Lock };

/** "backup", "deploy", "config", "verify", "confirm", "reboot", "lock". */
QString stepName(StepKind kind);
/** True for steps that give the same board state when run again (so they may be retried):
 *  every step except lock. */
bool stepRepeatSafe(StepKind kind);

/** One step. `retries`: extra runs after a failure (0..5; only repeat-safe steps).
 *  `timeoutMs`: how long the board may take to come back after a reset (deploy, reboot) and
 *  the new image to confirm itself (deploy), in ms. `dir`: where backup writes its files. */
struct RecipeStep {
    StepKind kind = StepKind::Deploy;
    int retries = 0;
    int timeoutMs = 60000;
    QString dir;
};

/** A package the recipe deploys, pinned by the SHA-256 (hex) of the whole .ptpkg file. */
struct RecipePackage {
    QString file;    ///< as written in the recipe (relative to the recipe's folder or absolute)
    QString sha256;  ///< 64 lower-case hex digits
};

/** One config entry written by the config step: a constant `value` or one from `pool`. */
struct RecipeConfigEntry {
    QString key;
    QString value;
    QString pool;
};

/** What happens to identifiers given to a board whose attempt failed or was interrupted:
 *  Void: burned, never given again (a retest gets new ones); KeepForBoard: they stay with that
 *  board (by its unique id) and its next attempt gets the same ones, nobody else ever does. */
enum class FailedIdentifierPolicy { Void, KeepForBoard };

struct Recipe {
    QString name;
    QString version;
    QString board;                       ///< board id the packages are built for
    QList<RecipePackage> packages;
    QList<PoolSpec> pools;
    QList<RecipeConfigEntry> config;
    QList<RecipeStep> steps;
    FailedIdentifierPolicy failedIdentifiers = FailedIdentifierPolicy::Void;
    /** The station's credential for boards that need an authenticated session (docs/security.md
     *  "Credentials"; the lock step needs the factory role on a board that trusts an access key):
     *  a .ptcred file, relative to the recipe's folder or absolute; empty: none. line run
     *  --credential overrides it. */
    QString credential;
    QString baseDir;                     ///< folder of the recipe file (not part of the hash)

    /** The canonical JSON (every default written out; pools by name). */
    QJsonObject toJson() const;
    /** SHA-256 (hex) of toJson() in compact form: the recipe's identity in the database. */
    QString sha256() const;
    /** The pool called `name`, or nullptr. */
    const PoolSpec *pool(const QString &name) const;
    /** Absolute path of `credential`; empty when the recipe names none. */
    QString credentialPath() const;
    /** Absolute path of package `index`. */
    QString packagePath(int index) const;

    /**
     * Parses and checks a recipe; `baseDir` resolves relative files. Errors (Usage, Format, Io,
     * Verify) name the field: format tag, unknown keys, name/board missing, packages without a
     * 64-digit SHA-256, pools (PoolSpec::fromJson), config entries (unknown pool, both or neither
     * of value/pool, duplicate key, a constant or a pool's widest value that
     * validateConfigEntry refuses), steps (unknown, retries on a step that is not repeat-safe or
     * out of 0..5, a second lock or a step other than reboot after it, config without entries, deploy/verify without packages, backup
     * without dir), failedIdentifiers not "void"/"keep-for-board", an empty credential.
     */
    static Result<Recipe> parse(const QByteArray &json, const QString &baseDir);
    /** Reads and parses a recipe file. Errors: Io, then parse()'s prefixed with the path. */
    static Result<Recipe> load(const QString &path);

    /** Loads every package and checks it against its pin and the recipe's board. Errors: Io
     *  (missing file), Verify (SHA-256 differs from the pin: the file was changed after the
     *  recipe was made), Format (not a package), Usage (built for another board). */
    Result<QList<Package>> loadPackages() const;
};

} // namespace piton::line
