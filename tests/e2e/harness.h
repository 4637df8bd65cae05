// Test harness for end-to-end tests: a piton-vboard process per test, piton-cli runs, and the
// srec_cat oracle. Tests drive the product as a user does: through the real pty and TCP links.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <thread>

namespace piton {
class DeviceClient;
}

namespace e2e {

/**
 * A protocol client on `uri` (PING done) as piton-cli would open it: with $PITON_CREDENTIAL (the
 * development credential under ctest) it authenticates where the board's policy needs a session
 * (TCP, or a locked board), and every later request is sealed. A board that does not take the
 * credential is used without a session. nullptr (with a warning) when the link or the handshake
 * fails. Tests that open DeviceClient themselves should use this instead.
 */
std::unique_ptr<piton::DeviceClient> connectDevice(const QString &uri, int timeoutMs = 3000);

/** A running piton-vboard (killed on destruction). */
class VirtualBoard {
public:
    /** Starts piton-vboard for `board` with flash in `dir`; extra arguments appended. */
    bool start(const QString &dir, const QString &board, const QString &trustKey, const QStringList &extra = {});
    /** Stops the board (its flash file stays, as a board's memory does without power) and starts
     *  it again on the same flash file with `extra` arguments instead of the previous ones. The
     *  endpoints change: ask serialUri()/tcpUri() again. */
    bool restart(const QStringList &extra = {});
    /** The next start() runs the board's process `increment` nice steps (0..19) below this one
     *  (through nice(1); without it, not niced). The line tests use it to model boards as external hardware:
     *  16 board processes on the workstation's 2 cores should not compete with the station's
     *  window as its equals (docs/performance.md, "The Line page with 16 slots"). */
    void setNice(int increment) { m_nice = increment; }
    void stop();
    ~VirtualBoard() { stop(); }

    QString serialUri() const { return QStringLiteral("serial:") + m_serialLink; }
    QString tcpUri() const { return QStringLiteral("tcp:") + m_tcp; }
    QString flashPath() const { return m_flash; }
    QString error() const { return m_error; }
    /** The board's flash operation counts (SIGUSR1, printed by piton-vboard): "N (programs P,
     *  erases E)". Empty if the board does not answer within 5 s. */
    QString flashOperations();
    /** Advances the board's millisecond clock by its --clock-step (SIGRTMIN) and waits until
     *  the board has taken the step (its "clock: skipped" line): session timeouts and the trial
     *  watchdog expire without the test waiting for them. False if the board does not confirm
     *  within 5 s (not started with --clock-step, or gone). */
    bool advanceClock();
    /** The board's process id (0 when it is not running): to press its reset button (SIGHUP)
     *  or step its clock (SIGRTMIN) from another thread. */
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    /** Everything the board printed on stderr so far (diagnostics for failed tests). */
    QByteArray diagnostics();

private:
    std::unique_ptr<QProcess> m_process;
    QString m_dir, m_board, m_trustKey;
    int m_nice = 0;
    QString m_serialLink, m_tcp, m_flash, m_error;
    QByteArray m_stderr;
};

/**
 * Steps a board's clock from a thread of its own while it lives: a SIGRTMIN every `intervalMs`
 * (each one the board's --clock-step), so that the board's time runs faster than real time
 * (the trial watchdog, session timeouts), also while the test waits in a piton-cli run. Each step
 * prints a line on the board's stderr, which is read only between the test's own calls: keep a
 * pump to one command of a few seconds. Make it after the board started, and let it end before
 * the board stops or restarts (its process id changes).
 */
class ClockPump {
public:
    ClockPump(const VirtualBoard &board, int intervalMs);
    ~ClockPump();
    ClockPump(const ClockPump &) = delete;
    ClockPump &operator=(const ClockPump &) = delete;

private:
    std::atomic_bool m_stop{false};
    std::thread m_thread;
};

/** Result of one piton-cli run. */
struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
    QJsonObject json;   ///< parsed stdout when --json was given and it parsed
    QString describe() const;
};

/** The environment piton-cli runs in under the tests: the test run's, with LANG=`lang` (default
 *  C.UTF-8: the English texts the tests expect) and LC_ALL, LC_MESSAGES and LANGUAGE removed. */
QProcessEnvironment cliEnvironment(const QString &lang = QStringLiteral("C.UTF-8"));

/** Runs piton-cli with `args` (--json is added first) in `env`, `input` on its standard input
 *  (then closed), waits up to `timeoutMs` (then kills it: exit code -1, err "timed out"). */
CliRun cliIn(const QProcessEnvironment &env, const QStringList &args, const QByteArray &input = {},
             int timeoutMs = 120000);

/** Runs piton-cli with `args` (--json is added first), stdin closed, waits up to `timeoutMs`,
 *  in cliEnvironment(`lang`), whatever the environment of the test run. */
CliRun cli(const QStringList &args, int timeoutMs = 120000, const QString &lang = QStringLiteral("C.UTF-8"));

/** Runs a program, returns its exit code (-1 on failure to start); stdout into *out if given. */
int run(const QString &program, const QStringList &args, QByteArray *out = nullptr, int timeoutMs = 60000);

/** A P-256 key pair made by `piton-cli keys generate` (PEM files). */
bool generateKeyPair(const QString &privatePath, const QString &publicPath);

/** SHA-256 hex over the rows of `tables` (each ordered by its first column) in the line database
 *  `url` (line::LineDatabase::open): "nothing changed" for a journal or a database, whatever
 *  SQLite's WAL does to the file's bytes. Empty when the database or a table cannot be read. */
QByteArray lineDatabaseDigest(const QString &url, const QStringList &tables = {QStringLiteral("attempt"), QStringLiteral("identifier"),
                                                                            QStringLiteral("id_lease"), QStringLiteral("id_pool"),
                                                                            QStringLiteral("station"), QStringLiteral("unit")});

/** SHA-256 hex of a file's bytes, empty if unreadable. */
QString fileSha256(const QString &path);
QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &bytes);

/** Path of a build artefact or a source-tree file (compile-time definitions). */
QString cliPath();
QString vboardPath();
QString corpusDir();

/** XORs `length` bytes of `path` from `offset` with `mask` (damage a stopped board's flash file).
 *  False when the file cannot be opened or is too short. */
bool corruptFile(const QString &path, qint64 offset, qint64 length, quint8 mask = 0xFF);

/** The corpus MicroPython image (../shared/corpus) relocated with srec_cat to `deploymentAddress`
 *  (nRF51 UICR record cropped), written as Intel HEX to `hexPath`. Returns an empty string on
 *  success, else what failed (corpus missing, srec_cat's exit code). */
QString relocateCorpusApp(quint32 deploymentAddress, const QString &hexPath);
/** The corpus application relocated to `deploymentAddress` (`dir`/app.hex), packaged by
 *  piton-cli package create for `board`, version `version`, signed with `privateKey`, as
 *  `dir`/app.ptpkg. Returns its path; empty with `*problem` set when a step fails. */
QString makeCorpusPackage(const QString &dir, const QString &board, quint32 deploymentAddress, const QString &version,
                          const QString &privateKey, QString *problem);

/** Reads every region of the device over one in-process connection (connectDevice: READ of the
 *  whole region, as `piton-cli read`), writes each to `dir`/region-NAME.bin and returns name ->
 *  SHA-256 hex, or name -> "read failed: MESSAGE" where the board refuses the read (a locked
 *  board's bootloader); a failed connect or REGIONS gives one "(connect)"/"(regions)" entry. */
QMap<QString, QString> regionHashes(const QString &uri, const QString &dir);

/** The board profile ID.json from $PITON_BOARDS_DIR (as piton-vboard reads it), else the source tree's. */
QJsonObject boardProfile(const QString &board);
/** Absolute address of a region in the board profile; 0 if absent. */
quint32 regionAddress(const QString &board, const QString &region);
/** Where `address` lives in the flash file: the board's flash devices back to back, in the
 *  profile's order (device-firmware/ports/host/README.md). -1 when no device holds it. */
qint64 flashFileOffset(const QString &board, quint32 address);

} // namespace e2e
