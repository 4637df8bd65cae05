#include "line_page.h"
#include "work_pool.h"

#include "jobs/worker_threads.h"
#include "file_field.h"
#include "line_login_dialog.h"
#include "line_slot_tile.h"
#include "main_window.h" // FileRole
#ifdef PITON_HAVE_CHARTS
#include "line_charts.h"
#endif

#include "line/line_database.h"
#include "line/recipe.h"
#include "line/station.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonDocument>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QThread>
#include <QtConcurrent>
#include <QSettings>
#include <QKeyEvent>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace piton::gui {

namespace {

constexpr int TileColumns = 4;

QLabel *counterLabel(const char *name)
{
    auto *l = new QLabel;
    l->setObjectName(QLatin1String(name));
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 1.8);
    f.setBold(true);
    l->setFont(f);
    return l;
}

} // namespace

LinePage::LinePage(std::function<QString(FileRole)> chooseFile, QWidget *parent)
    : QWidget(parent), m_chooseFile(std::move(chooseFile))
{
    auto *col = new QVBoxLayout(this);

    // Mode and the station's controls.
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Mode:")));
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("lineMode"));
    m_mode->addItem(tr("Engineer"));
    m_mode->addItem(tr("Operator"));
    m_mode->setToolTip(tr("Operator: released recipes only, set-up locked, the other pages locked"));
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) { setOperatorMode(index == 1); });
    top->addWidget(m_mode);
    m_login = new QPushButton(tr("Log in..."));
    m_login->setObjectName(QStringLiteral("lineLogin"));
    connect(m_login, &QPushButton::clicked, this, [this] {
        if (m_user.isEmpty())
            askLogIn();
        else
            logOut();
    });
    top->addWidget(m_login);
    m_userLabel = new QLabel;
    m_userLabel->setObjectName(QStringLiteral("lineUser"));
    top->addWidget(m_userLabel);
    top->addSpacing(16);
    m_startAll = new QPushButton(tr("Start all"));
    m_startAll->setObjectName(QStringLiteral("lineStartAll"));
    connect(m_startAll, &QPushButton::clicked, this, &LinePage::startAll);
    top->addWidget(m_startAll);
    m_stopAll = new QPushButton(tr("Stop all"));
    m_stopAll->setObjectName(QStringLiteral("lineStopAll"));
    connect(m_stopAll, &QPushButton::clicked, this, &LinePage::stopAll);
    top->addWidget(m_stopAll);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("lineStatus"));
    m_status->setWordWrap(true);
    top->addWidget(m_status, 1);
    col->addLayout(top);
    // PostgreSQL unreachable: the station works on its local journal (logged in against its
    // copy of the accounts, started from it, or the server lost while running).
    m_databaseState = new QLabel;
    m_databaseState->setObjectName(QStringLiteral("lineDatabaseState"));
    m_databaseState->setWordWrap(true);
    m_databaseState->setStyleSheet(QStringLiteral("background: #ffe082; color: #3e2723; font-weight: bold; padding: 6px;"));
    m_databaseState->hide();
    col->addWidget(m_databaseState);

    // Set-up: recipe, database, names, slots.
    auto *setupBox = new QGroupBox(tr("Station set-up"));
    m_setup = setupBox;
    auto *form = new QFormLayout(setupBox);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Recipe:"), makeFileField("lineRecipe", tr("a released recipe file (.json)"), FileRole::OpenRecipe,
                                              m_chooseFile, &m_recipe));
    // The chooser returns a file; the field holds a database URL.
    auto chooseDatabase = [this](FileRole role) {
        const QString path = m_chooseFile(role);
        return path.isEmpty() || path.contains(QLatin1Char(':')) ? path : QStringLiteral("sqlite:") + path;
    };
    m_databaseRow = makeFileField("lineDatabase", tr("sqlite:PATH"), FileRole::OpenLineDatabase, chooseDatabase, &m_database);
    form->addRow(tr("Database:"), m_databaseRow);
    m_setupForm = form;
    m_stationName = new QLineEdit(QSysInfo::machineHostName());
    m_stationName->setObjectName(QStringLiteral("lineStation"));
    form->addRow(tr("Station:"), m_stationName);
    m_operatorName = new QLineEdit(qEnvironmentVariable("USER"));
    m_operatorName->setObjectName(QStringLiteral("lineOperator"));
    form->addRow(tr("Operator:"), m_operatorName);
    m_slots = new QPlainTextEdit;
    m_slots->setObjectName(QStringLiteral("lineSlots"));
    m_slots->setPlaceholderText(tr("one slot a line: serial:/dev/serial/by-path/..., tcp:HOST:PORT, usb:?path=1-2.3"));
    m_slots->setTabChangesFocus(true);
    m_slots->setMaximumHeight(m_slots->fontMetrics().lineSpacing() * 6 + 12);
    connect(m_slots, &QPlainTextEdit::textChanged, this, &LinePage::rebuildTiles);
    form->addRow(tr("Slots:"), m_slots);
    auto *recipeRow = new QHBoxLayout;
    m_recipeInfo = new QLabel;
    m_recipeInfo->setObjectName(QStringLiteral("lineRecipeInfo"));
    m_recipeInfo->setWordWrap(true);
    m_recipeInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    recipeRow->addWidget(m_recipeInfo, 1);
    m_release = new QPushButton(tr("Release recipe"));
    m_release->setObjectName(QStringLiteral("lineRelease"));
    connect(m_release, &QPushButton::clicked, this, &LinePage::releaseRecipe);
    recipeRow->addWidget(m_release);
    form->addRow(recipeRow);
    col->addWidget(setupBox);
    m_recipeInfoTimer = new QTimer(this);
    m_recipeInfoTimer->setSingleShot(true);
    m_recipeInfoTimer->setInterval(300);
    connect(m_recipeInfoTimer, &QTimer::timeout, this, &LinePage::updateRecipeInfo);
    connect(m_recipe, &QLineEdit::textChanged, m_recipeInfoTimer, qOverload<>(&QTimer::start));
    connect(m_database, &QLineEdit::textChanged, m_recipeInfoTimer, qOverload<>(&QTimer::start));

    // The slot a scan goes to, the barcode and the shift's counters.
    auto *scanRow = new QHBoxLayout;
    scanRow->addWidget(new QLabel(tr("Slot:")));
    m_slotSelect = new QSpinBox;
    m_slotSelect->setObjectName(QStringLiteral("lineSlotSelect"));
    m_slotSelect->setToolTip(tr("The selected slot: the next scanned code goes to it (Up and Down in the barcode field change it too)"));
    m_slotSelect->setRange(0, 0);
    connect(m_slotSelect, &QSpinBox::valueChanged, this, [this](int number) {
        if (number != m_selected)
            selectSlot(number, false);
    });
    scanRow->addWidget(m_slotSelect);
    scanRow->addSpacing(8);
    scanRow->addWidget(new QLabel(tr("Barcode:")));
    m_barcode = new QLineEdit;
    m_barcode->setObjectName(QStringLiteral("lineBarcode"));
    m_barcode->setPlaceholderText(tr("scan here: the code goes to the selected slot"));
    QFont scanFont = m_barcode->font();
    scanFont.setPointSizeF(scanFont.pointSizeF() * 1.4);
    m_barcode->setFont(scanFont);
    m_barcode->setToolTip(tr("Ctrl+B puts the cursor here; Up and Down choose the previous or next slot"));
    m_barcode->installEventFilter(this); // Up and Down: the previous or next slot
    connect(m_barcode, &QLineEdit::returnPressed, this, &LinePage::onBarcode);
    scanRow->addWidget(m_barcode, 1);
    col->addLayout(scanRow);

    auto *counters = new QHBoxLayout;
    m_passedLabel = counterLabel("linePassed");
    m_failedLabel = counterLabel("lineFailed");
    m_yieldLabel = counterLabel("lineYield");
    m_rateLabel = counterLabel("lineRate");
    counters->addWidget(m_passedLabel);
    counters->addSpacing(24);
    counters->addWidget(m_failedLabel);
    counters->addSpacing(24);
    counters->addWidget(m_yieldLabel);
    counters->addSpacing(24);
    counters->addWidget(m_rateLabel);
    counters->addStretch(1);
    auto *shift = new QPushButton(tr("New shift"));
    shift->setObjectName(QStringLiteral("lineNewShift"));
    shift->setToolTip(tr("Set the counters and charts to zero"));
    connect(shift, &QPushButton::clicked, this, &LinePage::newShift);
    counters->addWidget(shift);
    col->addLayout(counters);
#ifdef PITON_HAVE_CHARTS
    m_charts = new LineCharts;
    col->addWidget(m_charts);
#endif

    m_tileArea = new QWidget;
    m_tileArea->setObjectName(QStringLiteral("lineTiles"));
    m_tileGrid = new QGridLayout(m_tileArea);
    m_tileGrid->setSpacing(8);
    col->addWidget(m_tileArea);
    col->addStretch(1);

    // The keyboard (a technician with a scanner and a keyboard, docs/line-mode.md "Keyboard"):
    // active while the page is shown (a shortcut of a hidden widget does not fire).
    const auto shortcut = [this](const QKeySequence &keys, const char *name, auto slot) {
        auto *s = new QShortcut(keys, this, slot);
        s->setObjectName(QLatin1String(name));
        s->setContext(Qt::WindowShortcut);
        return s;
    };
    shortcut(QKeySequence(Qt::Key_F9), "lineStartAllShortcut", [this] {
        if (m_startAll->isEnabled())
            startAll();
    });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_F9), "lineStopAllShortcut", [this] {
        if (m_stopAll->isEnabled())
            stopAll();
    });
    shortcut(QKeySequence(Qt::Key_F8), "lineSlotShortcut", [this] {
        if (LineSlotTile *t = m_tiles.value(m_selected - 1))
            t->requestStartStop();
    });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_B), "lineBarcodeShortcut", [this] {
        m_barcode->setFocus(Qt::ShortcutFocusReason);
        m_barcode->selectAll();
    });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_R), "lineReleaseShortcut", [this] {
        if (m_release->isVisible() && m_release->isEnabled())
            releaseRecipe();
    });
    m_startAll->setToolTip(tr("Start every slot (F9)"));
    m_stopAll->setToolTip(tr("Stop every slot: running attempts end at their next safe point (Shift+F9)"));
    m_release->setToolTip(tr("Record the recipe (its SHA-256) as released in the database; operators can run only released recipes (Ctrl+R)"));

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] {
        for (LineSlotTile *t : std::as_const(m_tiles))
            t->tick();
        updateCounters();
    });

    // The last set-up and mode (QSettings "line/..."): an operator finds the station as the
    // engineer left it.
    const QSettings settings;
    m_recipe->setText(settings.value(QStringLiteral("line/recipe")).toString());
    m_database->setText(settings.value(QStringLiteral("line/database")).toString());
    if (settings.contains(QStringLiteral("line/station")))
        m_stationName->setText(settings.value(QStringLiteral("line/station")).toString());
    if (settings.contains(QStringLiteral("line/operator")))
        m_operatorName->setText(settings.value(QStringLiteral("line/operator")).toString());
    m_slots->setPlainText(settings.value(QStringLiteral("line/slots")).toStringList().join(QLatin1Char('\n')));
    m_operatorMode = settings.value(QStringLiteral("line/operatorMode"), false).toBool();
    m_mode->setCurrentIndex(m_operatorMode ? 1 : 0);

    updateCounters();
    updateModeWidgets();
    updateRecipeInfo();
}

void LinePage::saveSetup() const
{
    // Written on a pool thread: QSettings' sync writes and flushes a file, which can take tens
    // of ms on a busy disk, and this runs as the station starts.
    const QList<QPair<QString, QVariant>> values{{QStringLiteral("line/recipe"), m_recipe->text().trimmed()},
                                                 {QStringLiteral("line/database"), m_database->text().trimmed()},
                                                 {QStringLiteral("line/station"), m_stationName->text().trimmed()},
                                                 {QStringLiteral("line/operator"), m_operatorName->text().trimmed()},
                                                 {QStringLiteral("line/slots"), slotUris()},
                                                 {QStringLiteral("line/operatorMode"), m_operatorMode}};
    // A pool of one thread: writes in order, and the window never waits for one.
    m_settingsPool.setMaxThreadCount(1);
    (void)QtConcurrent::run(&m_settingsPool, [values] {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
        QSettings settings;
        for (const auto &[key, value] : values)
            settings.setValue(key, value);
    });
}

LinePage::~LinePage()
{
    m_settingsPool.waitForDone();
    if (m_preparing) { // the window closes while prepare() runs: wait for it, drop the station
        m_preparing->disconnect(this);
        m_preparing->waitForFinished();
        delete m_preparing->result().station;
    }
    if (m_station)
        disconnect(m_station.get(), nullptr, this, nullptr);
    m_station.reset(); // stops the slots and waits for their threads
}

bool LinePage::showsOffline() const
{
    return !m_databaseState->isHidden();
}

bool LinePage::hasCharts()
{
#ifdef PITON_HAVE_CHARTS
    return true;
#else
    return false;
#endif
}

QStringList LinePage::slotUris() const
{
    QStringList uris;
    const QStringList lines = m_slots->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        if (!line.trimmed().isEmpty())
            uris << line.trimmed();
    return uris;
}

void LinePage::rebuildTiles()
{
    if (m_station)
        return; // the running station keeps its slots; the list applies at the next start
    const QStringList uris = slotUris();
    QStringList current;
    for (LineSlotTile *t : std::as_const(m_tiles))
        current << t->uri();
    if (current == uris)
        return;
    qDeleteAll(m_tiles);
    m_tiles.clear();
    for (int i = 0; i < uris.size(); ++i) {
        auto *tile = new LineSlotTile(i + 1, uris[i]);
        connect(tile, &LineSlotTile::startStopRequested, this, &LinePage::onTileStartStop);
        connect(tile, &LineSlotTile::selected, this, [this](int number) { selectSlot(number, true); });
        m_tileGrid->addWidget(tile, i / TileColumns, i % TileColumns);
        m_tiles << tile;
    }
    m_selected = 0;
    {
        const QSignalBlocker block(m_slotSelect);
        m_slotSelect->setRange(m_tiles.isEmpty() ? 0 : 1, int(m_tiles.size()));
    }
    selectSlot(m_tiles.isEmpty() ? 0 : 1, false);
#ifdef PITON_HAVE_CHARTS
    m_charts->setSlotCount(int(uris.size()));
    for (auto it = m_slotYield.cbegin(); it != m_slotYield.cend(); ++it)
        m_charts->setSlotYield(it.key(), it.value().first, it.value().second);
#endif
    m_startAll->setEnabled(!m_tiles.isEmpty());
}

void LinePage::askLogIn()
{
    LineLoginDialog dialog(m_operatorName->text().trimmed(), this);
    if (dialog.exec() == QDialog::Accepted)
        logIn(dialog.name(), dialog.password());
}

void LinePage::logIn(const QString &name, const QString &password)
{
    if (m_loggingIn || m_station)
        return;
    m_loggingIn = true;
    m_login->setEnabled(false);
    setStatus(tr("Checking the account %1...").arg(name), false);
    // The hash takes a while on purpose (PBKDF2): off the GUI thread, with its own connection.
    // core's logInAtStation: the database's accounts, or (PostgreSQL unreachable) the station
    // journal's copy of them, as a start without the server checks them.
    const QString url = m_database->text().trimmed();
    const QString station = stationCode();
    struct LogInResult {
        line::StationLogIn in;
        QString error; // empty: logged in
    };
    auto *watcher = new QFutureWatcher<LogInResult>(this);
    connect(watcher, &QFutureWatcher<LogInResult>::finished, this, [this, watcher, name, password] {
        const LogInResult result = watcher->result();
        const line::StationLogIn *in = &result.in;
        watcher->deleteLater();
        m_loggingIn = false;
        m_login->setEnabled(!m_station);
        if (!result.error.isEmpty()) {
            setStatus(tr("Not logged in: %1").arg(result.error), true);
            emit logMessage(LogLevel::Warning, tr("Line: log-in of %1 refused: %2").arg(name, result.error));
            return;
        }
        const QString role = in->role;
        m_user = name;
        m_userRole = role;
        m_userPassword = password;
        m_operatorName->setText(name);
        m_userLabel->setText(role == QLatin1String("engineer") ? tr("%1 (engineer)").arg(name) : tr("%1 (operator)").arg(name));
        m_login->setText(tr("Log out"));
        if (in->offline) {
            const QString copied = QLocale().toString(QDateTime::fromMSecsSinceEpoch(in->accountsCopiedAt).toLocalTime(), QLocale::ShortFormat);
            setStatus(tr("Logged in as %1 (offline)").arg(name), false);
            showDatabaseState(true, tr("Offline: working on the local journal. The server is unreachable (%1); %2 was checked against "
                                       "the journal's copy of the accounts of %3.")
                                        .arg(in->offlineReason, name, copied));
            emit logMessage(LogLevel::Warning, tr("Line: %1 logged in (%2) offline, against the copy of the accounts in %3: %4")
                                                   .arg(name, role, in->journalPath, in->offlineReason));
        } else {
            setStatus(tr("Logged in as %1").arg(name), false);
            if (!m_station)
                showDatabaseState(false, QString());
            emit logMessage(LogLevel::Info, tr("Line: %1 logged in (%2)").arg(name, role));
        }
        if (role != QLatin1String("engineer"))
            setOperatorMode(true);
        updateModeWidgets();
        emit loggedIn(name, role);
    });
    watcher->setFuture(QtConcurrent::run(pageWorkPool(), [url, station, name, password] {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
        auto in = line::logInAtStation(url, station, name, password);
        return in ? LogInResult{*in, QString()} : LogInResult{{}, in.error().message};
    }));
}

QString LinePage::stationCode() const
{
    const QString name = m_stationName->text().trimmed();
    return name.isEmpty() ? QSysInfo::machineHostName() : name;
}

void LinePage::showDatabaseState(bool offline, const QString &text)
{
    m_databaseState->setText(text);
    m_databaseState->setVisible(offline);
}

void LinePage::logOut()
{
    if (m_user.isEmpty() || m_station)
        return;
    emit logMessage(LogLevel::Info, tr("Line: %1 logged out").arg(m_user));
    m_user.clear();
    m_userRole.clear();
    m_userPassword.clear();
    m_userLabel->clear();
    m_login->setText(tr("Log in..."));
    showDatabaseState(false, QString());
    setOperatorMode(true); // the next person logs in for engineer mode where roles are enforced
    updateModeWidgets();
    emit loggedIn(QString(), QString());
}

void LinePage::setOperatorMode(bool on)
{
    if (!on && m_userRole != QLatin1String("engineer")) {
        // Engineer mode needs an engineer logged in once the database enforces roles (an
        // operator account logged in never gets it).
        if (!m_userRole.isEmpty()) {
            refuseEngineerMode();
            return;
        }
        // Nobody logged in: ask the database whether it enforces roles, on a pool thread (an
        // unreachable PostgreSQL host takes its whole connect timeout); the page stays in
        // operator mode until the answer comes.
        {
            const QSignalBlocker block(m_mode);
            m_mode->setCurrentIndex(1);
        }
        const QString url = m_database->text().trimmed();
        auto *watcher = new QFutureWatcher<bool>(this);
        connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher] {
            watcher->deleteLater();
            if (watcher->result() && m_userRole != QLatin1String("engineer"))
                refuseEngineerMode();
            else
                applyOperatorMode(false);
        });
        watcher->setFuture(QtConcurrent::run(pageWorkPool(), [url] {
            const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
            bool enforced = false;
            if (auto db = line::LineDatabase::open(url); db)
                if (auto e = (*db)->rolesEnforced(); e)
                    enforced = *e;
            return enforced;
        }));
        return;
    }
    applyOperatorMode(on);
}

void LinePage::refuseEngineerMode()
{
    setStatus(tr("Engineer mode needs an engineer to log in"), true);
    const QSignalBlocker block(m_mode);
    m_mode->setCurrentIndex(1);
}

void LinePage::applyOperatorMode(bool on)
{
    if (m_mode->currentIndex() != (on ? 1 : 0)) {
        const QSignalBlocker block(m_mode);
        m_mode->setCurrentIndex(on ? 1 : 0);
    }
    if (m_operatorMode == on)
        return;
    m_operatorMode = on;
    saveSetup();
    updateModeWidgets();
    emit logMessage(LogLevel::Info, on ? tr("Line: operator mode") : tr("Line: engineer mode"));
    emit operatorModeChanged(on);
}

void LinePage::updateModeWidgets()
{
    const bool editable = !m_operatorMode && !m_station;
    m_database->setReadOnly(!editable);
    m_stationName->setReadOnly(!editable);
    m_operatorName->setReadOnly(m_station != nullptr || !m_user.isEmpty()); // the account's name while logged in
    m_mode->setEnabled(m_userRole != QLatin1String("operator"));
    if (m_login)
        m_login->setEnabled(!m_station && !m_loggingIn);
    m_slots->setReadOnly(!editable);
    m_recipe->setReadOnly(m_station != nullptr);
    if (auto *b = m_setup->findChild<QToolButton *>(QStringLiteral("lineDatabaseBrowse")))
        b->setEnabled(editable);
    if (auto *b = m_setup->findChild<QToolButton *>(QStringLiteral("lineRecipeBrowse")))
        b->setEnabled(!m_station);
    m_release->setVisible(!m_operatorMode);
    // The operator sees the recipe and the names; the station's wiring is the engineer's.
    m_setupForm->setRowVisible(m_databaseRow, !m_operatorMode);
    m_setupForm->setRowVisible(m_stationName, !m_operatorMode);
    m_setupForm->setRowVisible(m_slots, !m_operatorMode);
    m_release->setEnabled(!m_station && !m_releasing);
    m_stopAll->setEnabled(m_station && !m_stopping);
    m_startAll->setEnabled(!m_tiles.isEmpty() && !m_stopping && !m_preparing && !m_releasing);
}

void LinePage::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b3261e; font-weight: bold;") : QString());
}

void LinePage::updateRecipeInfo()
{
    const QString path = m_recipe->text().trimmed();
    const quint64 generation = ++m_recipeInfoGeneration; // a newer request makes older answers stale
    if (path.isEmpty()) {
        m_recipeInfo->setText(tr("Choose a recipe file and a database."));
        return;
    }
    // The recipe file and the database (a PostgreSQL host that drops packets takes its whole
    // connect timeout) are read on a pool thread, so the window never waits for them.
    const QString url = m_database->text().trimmed();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_recipeInfoGeneration)
            m_recipeInfo->setText(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(pageWorkPool(), [path, url]() -> QString {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
        auto recipe = line::Recipe::load(path);
        if (!recipe)
            return tr("Recipe refused: %1").arg(recipe.error().message);
        QString text = tr("%1 %2 for %3, SHA-256 %4").arg(recipe->name, recipe->version, recipe->board, recipe->sha256().left(16));
        if (!url.isEmpty()) {
            auto db = line::LineDatabase::open(url);
            if (!db)
                text += QStringLiteral("\n") + db.error().message;
            else if (auto id = (*db)->releasedRecipeId(recipe->sha256()); id)
                text += QStringLiteral("\n") + tr("released in this database");
            else
                text += QStringLiteral("\n") + tr("not released in this database: %1").arg(id.error().message);
        }
        return text;
    }));
}

void LinePage::releaseRecipe()
{
    if (m_operatorMode || m_releasing)
        return;
    // core's release (the same as piton-cli line recipe release): the recipe file, its packages
    // hashed against their pins, the database opened (a PostgreSQL host that does not answer
    // takes its whole connect timeout) and written, all on a pool thread. The button says so
    // meanwhile; the answer arrives here.
    const QString path = m_recipe->text().trimmed(), url = m_database->text().trimmed();
    const QString by = m_operatorName->text().trimmed();
    const QString password = by == m_user ? m_userPassword : QString();
    m_releasing = new QFutureWatcher<ReleaseOutcome>(this);
    connect(m_releasing, &QFutureWatcherBase::finished, this, [this, by] {
        const ReleaseOutcome outcome = m_releasing->result();
        m_releasing->deleteLater();
        m_releasing = nullptr;
        releaseFinished(outcome, by);
    });
    m_releasing->setFuture(QtConcurrent::run(pageWorkPool(), [path, url, by, password] {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
        auto released = line::releaseRecipeFile(path, url, by, password);
        return released ? ReleaseOutcome{released->recipe, released->id, QString()} : ReleaseOutcome{{}, 0, released.error().message};
    }));
    m_release->setText(tr("Releasing..."));
    setStatus(tr("Checking the recipe, its packages and the database..."), false);
    updateModeWidgets();
}

void LinePage::releaseFinished(const ReleaseOutcome &outcome, const QString &by)
{
    m_release->setText(tr("Release recipe"));
    updateModeWidgets();
    if (!outcome.error.isEmpty()) {
        setStatus(tr("Not released: %1").arg(outcome.error), true);
        emit logMessage(LogLevel::Error, tr("Line: recipe not released: %1").arg(outcome.error));
        return;
    }
    const line::Recipe &recipe = outcome.recipe;
    setStatus(tr("Released %1 %2 (SHA-256 %3)").arg(recipe.name, recipe.version, recipe.sha256()), false);
    emit logMessage(LogLevel::Info, tr("Line: recipe %1 %2 released by %3 (SHA-256 %4)").arg(recipe.name, recipe.version, by, recipe.sha256()));
    emit recipeReleased(recipe.sha256());
    updateRecipeInfo();
}

void LinePage::startAll()
{
    if (m_preparing)
        return;
    if (m_station) {
        for (LineSlotTile *t : std::as_const(m_tiles))
            onTileStartStop(t->number(), true);
        return;
    }
    QSet<int> all;
    for (LineSlotTile *t : std::as_const(m_tiles))
        all.insert(t->number());
    startStation(all);
}

bool LinePage::startStation(const QSet<int> &startSlots)
{
    if (m_station || m_stopping || m_preparing)
        return false;
    if (m_releasing) { // the station would find the recipe not yet released
        setStatus(tr("The recipe is being released: start when the release is done."), true);
        return false;
    }
    rebuildTiles();
    if (m_tiles.isEmpty()) {
        setStatus(tr("Give at least one slot (one link URI a line)."), true);
        return false;
    }
    auto recipe = line::Recipe::load(m_recipe->text().trimmed());
    if (!recipe) {
        setStatus(tr("Recipe refused: %1").arg(recipe.error().message), true);
        return false;
    }
    line::StationOptions options;
    options.databaseUrl = m_database->text().trimmed();
    options.stationCode = stationCode();
    options.operatorName = m_operatorName->text().trimmed();
    options.operatorPassword = options.operatorName == m_user ? m_userPassword : QString();
    options.pitonVersion = QStringLiteral(PITON_VERSION);
    options.slotUris = slotUris();
    // Everything that can refuse before a board is touched (the release, the packages against
    // their pins, the database, the station lock) is checked by Station::prepare() on a pool
    // thread: hashing packages and opening the database do not hold up the window. The Station
    // is handed to this thread afterwards.
    setStatus(tr("Checking the recipe, its packages and the database..."), false);
    m_preparing = new QFutureWatcher<PreparedStation>(this);
    QThread *pageThread = thread();
    connect(m_preparing, &QFutureWatcherBase::finished, this, [this, startSlots, recipe = *recipe] {
        const PreparedStation prepared = m_preparing->result();
        m_preparing->deleteLater();
        m_preparing = nullptr;
        stationPrepared(prepared, startSlots, recipe);
    });
    m_preparing->setFuture(QtConcurrent::run(pageWorkPool(), [recipe = *recipe, options, pageThread] {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the task returns (worker_threads.h)
        auto *station = new line::Station(recipe, options);
        PreparedStation prepared{station, QString()};
        if (auto ok = station->prepare(); !ok)
            prepared.error = ok.error().message;
        station->moveToThread(pageThread);
        return prepared;
    }));
    updateModeWidgets();
    return true;
}

void LinePage::stationPrepared(const PreparedStation &prepared, const QSet<int> &startSlots, const line::Recipe &recipe)
{
    std::unique_ptr<line::Station> station(prepared.station);
    const line::StationOptions options = station->options();
    if (!prepared.error.isEmpty()) {
        station.reset();
        setStatus(tr("Not started: %1").arg(prepared.error), true);
        emit logMessage(LogLevel::Error, tr("Line: not started: %1").arg(prepared.error));
        updateModeWidgets();
        return;
    }
    for (LineSlotTile *t : std::as_const(m_tiles)) {
        t->reset();
        station->setSlotStopped(t->number() - 1, !startSlots.contains(t->number()));
        t->setRunning(startSlots.contains(t->number()));
    }
    m_station = std::move(station);
    saveSetup();
    connect(m_station.get(), &line::Station::event, this, &LinePage::onStationEvent);
    connect(m_station.get(), &line::Station::finished, this, &LinePage::onStationFinished);
    m_station->start();
    m_shift.start();
    m_tick->start();
    if (m_station->startedOffline())
        showDatabaseState(true, tr("Offline: working on the local journal %1. The server is unreachable (%2); records catch up when it is back.")
                                    .arg(m_station->journalPath(), m_station->offlineReason()));
    else
        showDatabaseState(false, QString());
    const int interrupted = m_station->summary().interrupted;
    setStatus(interrupted ? tr("Running %1 %2 on %3 slots (%4 attempts of an earlier run were interrupted)")
                                .arg(recipe.name, recipe.version)
                                .arg(m_tiles.size())
                                .arg(interrupted)
                          : tr("Running %1 %2 on %3 slots").arg(recipe.name, recipe.version).arg(m_tiles.size()),
              false);
    emit logMessage(LogLevel::Info, tr("Line: station %1 started, recipe %2 %3, %4 slots, operator %5")
                                        .arg(options.stationCode, recipe.name, recipe.version)
                                        .arg(m_tiles.size())
                                        .arg(options.operatorName));
    updateModeWidgets();
    emit stationRunningChanged(true);
    m_barcode->setFocus();
}

void LinePage::stopAll()
{
    if (!m_station || m_stopping)
        return;
    m_stopping = true;
    m_station->stop(); // the slots end at their next safe point; finished() follows
    setStatus(tr("Stopping: running attempts end at their next safe point..."), false);
    updateModeWidgets();
}

void LinePage::onStationFinished()
{
    if (!m_station)
        return;
    const line::StationSummary s = m_station->summary();
    m_shiftRunMs += m_shift.elapsed();
    m_shift.invalidate();
    m_tick->stop();
    m_station.reset(); // the slot threads have ended: this does not wait
    m_stopping = false;
    for (LineSlotTile *t : std::as_const(m_tiles)) {
        t->setRunning(false);
        t->tick();
    }
    setStatus(tr("Stopped: %1 boards, %2 passed, %3 failed, %4 aborted").arg(s.boards).arg(s.passed).arg(s.failed).arg(s.aborted), false);
    emit logMessage(LogLevel::Info, tr("Line: station stopped: %1 boards, %2 passed, %3 failed, %4 aborted")
                                        .arg(s.boards)
                                        .arg(s.passed)
                                        .arg(s.failed)
                                        .arg(s.aborted));
    updateModeWidgets();
    updateCounters();
    emit stationRunningChanged(false);
}

void LinePage::onTileStartStop(int number, bool start)
{
    if (m_preparing)
        return;
    if (!m_station) {
        if (start)
            startStation({number});
        return;
    }
    if (m_stopping)
        return;
    m_station->setSlotStopped(number - 1, !start);
    if (LineSlotTile *t = m_tiles.value(number - 1))
        t->setRunning(start);
    emit logMessage(LogLevel::Info, start ? tr("Line: slot %1 started").arg(number) : tr("Line: slot %1 stopped").arg(number));
}

void LinePage::onStationEvent(const QJsonObject &e)
{
    const int slot = e.value(QLatin1String("slot")).toInt();
    LineSlotTile *tile = m_tiles.value(slot - 1);
    if (tile)
        tile->applyEvent(e);
    const QString kind = e.value(QLatin1String("event")).toString();
    if (kind == QLatin1String("result")) {
        const QString result = e.value(QLatin1String("result")).toString();
        const bool recognised = e.value(QLatin1String("recognised")).toBool();
        const QString uid = e.value(QLatin1String("uid")).toString();
        const QString serial = e.value(QLatin1String("identifiers")).toObject().value(QLatin1String("serial")).toString();
        if (!recognised && result != QLatin1String("aborted")) {
            const bool pass = result == QLatin1String("pass");
            if (!m_units.contains(uid)) { // the first result of this board in this shift
                m_units.insert(uid);
                if (pass && e.value(QLatin1String("attemptNo")).toInt() == 1)
                    ++m_firstPass;
            }
            (pass ? m_passed : m_failed) += 1;
            auto &counts = m_slotYield[slot];
            (pass ? counts.first : counts.second) += 1;
            const qint64 runMs = m_shiftRunMs + (m_shift.isValid() ? m_shift.elapsed() : 0);
            m_finishTimes << runMs;
#ifdef PITON_HAVE_CHARTS
            m_charts->setSlotYield(slot, counts.first, counts.second);
            m_charts->addRatePoint(double(runMs) / 60000.0, boardsPerHour());
#endif
            updateCounters();
        }
        if (result == QLatin1String("pass"))
            emit logMessage(LogLevel::Info, recognised ? tr("Line: slot %1: board %2 passed this recipe before (not run again)").arg(slot).arg(uid)
                                                       : tr("Line: slot %1: board %2 passed, serial %3").arg(slot).arg(uid, serial));
        else
            emit logMessage(result == QLatin1String("aborted") ? LogLevel::Warning : LogLevel::Error,
                            tr("Line: slot %1: board %2 %3 at %4: %5")
                                .arg(slot)
                                .arg(uid, result, e.value(QLatin1String("failureStep")).toString(), e.value(QLatin1String("error")).toString()));
        if (tile && !tile->scanned().isEmpty() && !tile->serial().isEmpty() && tile->scanned() != tile->serial())
            emit logMessage(LogLevel::Warning, tr("Line: slot %1: the scanned code %2 differs from the board's serial %3")
                                                   .arg(slot)
                                                   .arg(tile->scanned(), tile->serial()));
        emit boardFinished(slot, recognised ? QStringLiteral("recognised") : result);
    } else if (kind == QLatin1String("error")) {
        emit logMessage(LogLevel::Error, tr("Line: slot %1: %2").arg(slot).arg(e.value(QLatin1String("error")).toString()));
    } else if (kind == QLatin1String("database")) { // journal mode: the server lost or back
        const int pending = e.value(QLatin1String("pending")).toInt();
        if (e.value(QLatin1String("state")).toString() == QLatin1String("offline")) {
            showDatabaseState(true, tr("Offline: working on the local journal %1. The server is unreachable (%2); %3 records wait for it.")
                                        .arg(m_station ? m_station->journalPath() : QString(), e.value(QLatin1String("error")).toString())
                                        .arg(pending));
            emit logMessage(LogLevel::Warning, tr("Line: the database server is unreachable, working on the local journal: %1")
                                                   .arg(e.value(QLatin1String("error")).toString()));
        } else {
            showDatabaseState(false, QString());
            emit logMessage(LogLevel::Info, tr("Line: the database server is back; the journal's records catch up"));
        }
    } else if (kind == QLatin1String("conflict")) { // a scanned code another station gave too, found at catch-up
        const QString text = tr("Line: board %1 needs checking: %2").arg(e.value(QLatin1String("uid")).toString(), e.value(QLatin1String("error")).toString());
        setStatus(text, true);
        emit logMessage(LogLevel::Error, text);
    }
}

void LinePage::selectSlot(int number, bool focusBarcode)
{
    m_selected = number;
    for (LineSlotTile *t : std::as_const(m_tiles))
        t->setSelected(t->number() == number);
    if (m_slotSelect->value() != number) {
        const QSignalBlocker block(m_slotSelect);
        m_slotSelect->setValue(number);
    }
    if (focusBarcode)
        m_barcode->setFocus(); // the scanner types into the barcode field
}

bool LinePage::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down in the barcode field: the previous or next slot, without leaving the field.
    if (watched == m_barcode && event->type() == QEvent::KeyPress && !m_tiles.isEmpty()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            const int n = int(m_tiles.size());
            const int current = m_selected > 0 ? m_selected : 1;
            selectSlot(key == Qt::Key_Down ? current % n + 1 : (current + n - 2) % n + 1, false);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LinePage::onBarcode()
{
    const QString code = m_barcode->text().trimmed();
    m_barcode->clear();
    if (code.isEmpty())
        return;
    LineSlotTile *tile = m_tiles.value(m_selected - 1);
    if (!tile) {
        setStatus(tr("Scanned %1, but no slot is selected: click a slot first").arg(code), true);
        emit logMessage(LogLevel::Warning, tr("Line: scanned %1 with no slot selected").arg(code));
        return;
    }
    tile->setScanned(code);
    // A recipe with a barcode pool takes the code as the board's identifier (the slot checks it
    // and answers with a "barcode" event); otherwise the scan confirms the serial given.
    bool provides = false;
    if (m_station)
        for (const line::PoolSpec &pool : m_station->recipe().pools)
            provides = provides || pool.type == line::PoolType::Barcode;
    if (provides) {
        if (auto ok = m_station->scanBarcode(tile->number() - 1, code); !ok)
            setStatus(ok.error().message, true);
        else
            emit logMessage(LogLevel::Info, tr("Line: slot %1: scanned %2 for the board's identifier").arg(tile->number()).arg(code));
        selectSlot(tile->number() % int(m_tiles.size()) + 1, true);
        return;
    }
    const QString serial = tile->serial();
    if (serial.isEmpty())
        emit logMessage(LogLevel::Info, tr("Line: slot %1: scanned %2").arg(tile->number()).arg(code));
    else if (serial == code)
        emit logMessage(LogLevel::Info, tr("Line: slot %1: scanned %2, matches the board's serial").arg(tile->number()).arg(code));
    else
        emit logMessage(LogLevel::Warning, tr("Line: slot %1: scanned %2, but the board's serial is %3").arg(tile->number()).arg(code, serial));
    // The next scan goes to the next slot: an operator scans the boards in order.
    selectSlot(tile->number() % int(m_tiles.size()) + 1, true);
}

double LinePage::firstPassYield() const
{
    return m_units.isEmpty() ? -1.0 : 100.0 * m_firstPass / double(m_units.size());
}

double LinePage::boardsPerHour() const
{
    const qint64 runMs = m_shiftRunMs + (m_shift.isValid() ? m_shift.elapsed() : 0);
    const qsizetype boards = m_finishTimes.size();
    return boards > 0 && runMs > 0 ? double(boards) * 3600000.0 / double(runMs) : 0.0;
}

void LinePage::updateCounters()
{
    m_passedLabel->setText(tr("Passed: %1").arg(m_passed));
    m_failedLabel->setText(tr("Failed: %1").arg(m_failed));
    const double fpy = firstPassYield();
    m_yieldLabel->setText(fpy < 0 ? tr("First-pass yield: -") : tr("First-pass yield: %1 %").arg(fpy, 0, 'f', 1));
    m_rateLabel->setText(tr("Boards/hour: %1").arg(qRound(boardsPerHour())));
}

void LinePage::newShift()
{
    m_passed = m_failed = m_firstPass = 0;
    m_units.clear();
    m_slotYield.clear();
    m_finishTimes.clear();
    m_shiftRunMs = 0;
    if (m_shift.isValid())
        m_shift.start();
#ifdef PITON_HAVE_CHARTS
    m_charts->clear();
#endif
    updateCounters();
    emit logMessage(LogLevel::Info, tr("Line: new shift, counters set to zero"));
}

} // namespace piton::gui
