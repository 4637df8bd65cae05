// LinePage: the Line page of piton (docs/line-mode.md, "The Line page"), a view over core's
// line-mode station (core/line/station.h): a recipe file, a database (sqlite:PATH), the station's
// and operator's names and a slot list (one link URI a line) set it up; a grid of slot tiles
// (LineSlotTile) shows every slot; Start and Stop for each slot and for all; a barcode field that
// a keyboard-wedge scanner types into (the code goes to the selected slot and is compared with
// the serial the board was given); the shift's counters (passed, failed, first-pass yield,
// boards per hour) and, when built with Qt Charts, a yield chart per slot and a boards-per-hour
// chart.
//
// The set-up and the mode are kept (QSettings "line/...") when the station starts and when the
// mode changes, and filled in when the page is made.
//
// Operator mode: the set-up fields are read-only, recipes cannot be released (only recipes
// already released in the database run, as core's Station::prepare() insists), and the window is
// asked to lock its other pages and device menu (operatorModeChanged). Engineer mode: everything
// can be edited, and the chosen recipe can be released into the database. Log in (an account of
// the line database with a password, LineDatabase::authenticate, checked on a pool thread): the
// operator's name is the account's; an operator account is held in operator mode, and once the
// database enforces roles, engineer mode needs an engineer logged in. The password stays in
// memory until log-out, for the station's and the release's own checks.
//
// Keyboard (docs/line-mode.md "Keyboard"): Tab reaches every control in screen order; while the
// page is shown F9 / Shift+F9 start and stop all, F8 starts or stops the selected slot, Ctrl+B
// puts the cursor in the barcode field, Up/Down there (or the Slot box) choose the slot, Ctrl+R
// releases. The release runs core's line::releaseRecipeFile() on a pool thread.
//
// The station is prepared on a pool thread and runs its slots on threads of their own; its events
// arrive here queued, so the window keeps working while boards run. The page owns the station; it talks to the window by
// signals only.
#pragma once

#include "jobs/job.h" // LogLevel
#include "line/recipe.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QFormLayout;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace piton::line {
class LineDatabase;
struct Recipe;
class Station;
}

namespace piton::gui {

enum class FileRole;
class LineSlotTile;
class LineCharts;

class LinePage : public QWidget {
    Q_OBJECT
public:
    /** `chooseFile` is the window's file chooser (tests replace it). */
    explicit LinePage(std::function<QString(FileRole)> chooseFile, QWidget *parent = nullptr);
    /** Stops the station, if running, and waits for its slot threads (running jobs stop at their
     *  next safe point; their attempts are recorded "aborted"). */
    ~LinePage() override;

    bool stationRunning() const { return m_station != nullptr; }
    /** True while a release (releaseRecipe()) runs on a pool thread. */
    bool releasing() const { return m_releasing != nullptr; }
    /** True while Station::prepare() runs (on a pool thread) after a start was asked for. */
    bool stationStarting() const { return m_preparing != nullptr; }
    bool operatorMode() const { return m_operatorMode; }
    /** The account logged in, and its role ("operator", "engineer"); empty when none. */
    QString loggedInUser() const { return m_user; }
    QString loggedInRole() const { return m_userRole; }
    /** Operator mode (true) or engineer mode (false). Engineer mode needs an engineer logged
     *  in where the database enforces roles; with nobody logged in the database is asked on a
     *  pool thread and the switch happens (or is refused in the status line) when it answers. */
    void setOperatorMode(bool on);
    /** The tiles, in slot order. */
    QList<LineSlotTile *> tiles() const { return m_tiles; }
    /** The shift's counters (since the page was opened or "New shift"). */
    int passedCount() const { return m_passed; }
    int failedCount() const { return m_failed; }
    /** First-pass yield in percent (boards that passed at their first attempt / boards), -1 when no board. */
    double firstPassYield() const;
    /** Boards per hour in this shift (finished boards / time the station ran), 0 when none. */
    double boardsPerHour() const;
    /** True while the page shows that the station works on its local journal (PostgreSQL
     *  unreachable: logged in or started offline, or the server lost while running). */
    bool showsOffline() const;
    /** True when the page was built with Qt Charts. */
    static bool hasCharts();

public slots:
    /** Starts every slot (the station first, when it is not running). */
    void startAll();
    /** Stops the station: all slots. */
    void stopAll();
    /** Releases the chosen recipe into the chosen database (engineer mode), through core's
     *  line::releaseRecipeFile() (as piton-cli line recipe release) on a pool thread: the button
     *  reads "Releasing..." and is disabled (Start too) until the answer, which the status line
     *  shows ("Released NAME VERSION (SHA-256 ...)" or "Not released: " and the reason;
     *  nothing is released then) and recipeReleased() follows. Returns at once. */
    void releaseRecipe();
    /** Asks for an account and its password (LineLoginDialog), then logIn(). */
    void askLogIn();
    /** Checks `name` and `password` against the chosen database on a pool thread
     *  (line::logInAtStation: with PostgreSQL unreachable, against the station journal's copy
     *  of the accounts, shown as "Offline: working on the local journal"); loggedIn() follows,
     *  or a status line naming the refusal. */
    void logIn(const QString &name, const QString &password);
    /** Forgets the account (back to engineer mode only where roles are not enforced). */
    void logOut();

signals:
    /** A line for the window's log (results, refusals, scans). */
    void logMessage(piton::LogLevel level, const QString &text);
    /** Operator mode on/off: the window locks (or unlocks) its other pages and device menu. */
    void operatorModeChanged(bool on);
    /** `name` logged in with `role` (or, both empty, logged out). */
    void loggedIn(const QString &name, const QString &role);
    /** The station started (`running` true) or ended. */
    void stationRunningChanged(bool running);
    /** The recipe with this SHA-256 was released into the database (releaseRecipe()). */
    void recipeReleased(const QString &sha256);
    /** A slot's board finished (`result` pass, fail, aborted), `slot` 1-based. */
    void boardFinished(int slot, const QString &result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildTiles();
    /** A Station made and prepared on a pool thread (then moved to the page's thread); `error`
     *  is prepare()'s refusal, empty when it may start. */
    struct PreparedStation {
        piton::line::Station *station = nullptr;
        QString error;
    };
    /** Starts the station with the slots in `startSlots` (1-based) running, the others stopped:
     *  prepare() on a pool thread, then stationPrepared(). False when refused at once. */
    bool startStation(const QSet<int> &startSlots);
    void stationPrepared(const PreparedStation &prepared, const QSet<int> &startSlots, const piton::line::Recipe &recipe);
    /** What a release on a pool thread came to: the recipe and its id, or the error. */
    struct ReleaseOutcome {
        piton::line::Recipe recipe;
        qint64 id = 0;
        QString error; // empty: released
    };
    void releaseFinished(const ReleaseOutcome &outcome, const QString &by);
    void onStationEvent(const QJsonObject &event);
    void onStationFinished();
    void onTileStartStop(int number, bool start);
    /** Selects slot `number` (1-based; 0 none): the next scanned code goes to it. `focusBarcode`:
     *  the cursor goes to the barcode field (a click on a tile, a scan). */
    void selectSlot(int number, bool focusBarcode);
    void onBarcode();
    void updateRecipeInfo();
    void updateCounters();
    void updateModeWidgets();
    void applyOperatorMode(bool on);
    void refuseEngineerMode();
    void newShift();
    void setStatus(const QString &text, bool error);
    QStringList slotUris() const;
    /** The station's name: the field's, else the host name. */
    QString stationCode() const;
    /** Shows (`offline`) or hides the banner that says the station works on its local journal. */
    void showDatabaseState(bool offline, const QString &text);
    /** Stores the set-up and the mode (QSettings "line/...") for the next start of piton. */
    void saveSetup() const;

    std::function<QString(FileRole)> m_chooseFile;
    bool m_operatorMode = false;
    QString m_user, m_userRole, m_userPassword; // the account logged in
    bool m_loggingIn = false;
    quint64 m_recipeInfoGeneration = 0; // updateRecipeInfo(): only the newest answer is shown
    QPushButton *m_login = nullptr;
    QLabel *m_userLabel = nullptr;
    std::unique_ptr<piton::line::Station> m_station;
    mutable QThreadPool m_settingsPool; // saveSetup()'s writes, one at a time, off the window's thread
    bool m_stopping = false;
    QFutureWatcher<PreparedStation> *m_preparing = nullptr;
    QFutureWatcher<ReleaseOutcome> *m_releasing = nullptr; // releaseRecipe() running

    QComboBox *m_mode = nullptr;
    QWidget *m_setup = nullptr;
    QFormLayout *m_setupForm = nullptr;
    QWidget *m_databaseRow = nullptr;
    QLineEdit *m_recipe = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_stationName = nullptr;
    QLineEdit *m_operatorName = nullptr;
    QPlainTextEdit *m_slots = nullptr;
    QLabel *m_recipeInfo = nullptr;
    QPushButton *m_release = nullptr;
    QPushButton *m_startAll = nullptr;
    QPushButton *m_stopAll = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_databaseState = nullptr; // "Offline: working on the local journal ..."
    QLineEdit *m_barcode = nullptr;
    QSpinBox *m_slotSelect = nullptr; // the selected slot, by keyboard
    QLabel *m_passedLabel = nullptr;
    QLabel *m_failedLabel = nullptr;
    QLabel *m_yieldLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QWidget *m_tileArea = nullptr;
    QGridLayout *m_tileGrid = nullptr;
    QList<LineSlotTile *> m_tiles;
    int m_selected = 0; // 1-based; 0 none
    QTimer *m_tick = nullptr;
    QTimer *m_recipeInfoTimer = nullptr;
    LineCharts *m_charts = nullptr;

    // The shift: counters by board.
    int m_passed = 0, m_failed = 0, m_firstPass = 0;
    QSet<QString> m_units;           // boards (unique ids) with a result this shift
    QMap<int, QPair<int, int>> m_slotYield; // slot -> (passed, failed)
    QList<qint64> m_finishTimes;     // ms since the shift started, per finished board
    QElapsedTimer m_shift;           // runs while the station runs
    qint64 m_shiftRunMs = 0;         // station run time of earlier runs in this shift
};

} // namespace piton::gui
