#pragma once

#include "core/charts/ChartData.h"
#include "core/charts/ChartLoader.h"
#include "core/domain/CancelToken.h"
#include "core/domain/Result.h"
#include "core/session/ReadSource.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QSet>
#include <QString>
#include <QWidget>

#include <array>
#include <optional>
#include <utility>

class ChartRangeBar;
class DatabaseWorker;
class FiguresAsOf;
class LedgerMoment;
class LedgerSession;
class QChart;
class QChartView;
class QLabel;
class QTimer;
class RollupFolder;

// Charts of XP for the current user (or everyone) over a range of days: the share of each
// category, XP over time by category, XP by source type, and the leaderboard. The figures come
// from one aggregate query on the view's own worker thread, so a slow one never holds up the
// history; while it runs the old charts stay, greyed. Only the newest request counts: one query
// runs at a time, the latest request waits, and results that are no longer wanted are dropped.
// Legend entries switch categories off and on; hovering shows exact figures; clicking a
// leaderboard bar asks for that user.
class ChartsView final : public QWidget
{
    Q_OBJECT

public:
    explicit ChartsView(LedgerSession *session, QWidget *parent = nullptr);
    ~ChartsView() override;

    // Charts one user (empty: everyone). The leaderboard always ranks everyone.
    void setUser(const QString &userId);
    QString userId() const { return m_userId; }
    // Reads the figures again (F5, and shortly after every change of the ledger).
    void refresh();
    // Reads the figures again after a change made elsewhere: at most once every QuietIntervalMs,
    // and without greying or blanking the charts shown meanwhile (they change when the new
    // figures are in). Nothing while a past moment is shown.
    void refreshQuietly();
    static constexpr int QuietIntervalMs = 3000;
    // Asks for a file and writes one chart to it as PNG, SVG or PDF.
    void exportChart(ChartKind kind);

    // What the range and the user ask for now.
    ChartRequest request() const;
    // What the charts show: the figures of the last request that finished.
    const ChartData &data() const { return m_data; }
    QString scope() const { return m_scope; }
    bool hasData() const { return m_hasData; }
    bool isLoading() const { return m_loading; }

    ChartRangeBar *rangeBar() const { return m_range; }
    QChartView *chartView(ChartKind kind) const { return m_views[static_cast<int>(kind)]; }
    QChart *chart(ChartKind kind) const;
    QLabel *statusLabel() const { return m_status; }
    QLabel *scopeLabel() const { return m_scopeLabel; }
    // Whether the figures charted were read on the reading standby, and as of when.
    FiguresAsOf *figuresAsOf() const { return m_asOf; }

    // Categories switched off in the legends (in every chart at once).
    bool isCategoryHidden(Category category) const { return m_hidden.contains(category); }
    void setCategoryHidden(Category category, bool hidden);

    // The range preset and custom days, for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

signals:
    // A leaderboard bar was clicked: select this user.
    void userActivated(const QString &userId);
    // A query started for request (an older one's result, if any, will be dropped).
    void loadStarted(const ChartRequest &request);
    // The charts show new figures.
    void loaded();
    void loadFailed(const QString &message);
    void exported(const QString &fileName);
    // A short report for the status bar.
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void load(const ChartRequest &request);
    void start(const ChartRequest &request);
    void finished(const Result<ChartFiguresOf> &result, const ReadSource &source, int topUsers);
    void leaderboardFinished(const Result<QList<TopUser>> &top, const ReadSource &source);
    void failed(const QString &message);
    bool startQueued();
    void rebuildCharts();
    void connectChart(ChartKind kind, QChart *chart);
    void showTip(ChartKind kind, const QString &text);
    void activateTopUser(int barIndex);
    void toggleCategory(Category category);
    void updateStatus();
    void writeExport(ChartKind kind, const QString &fileName);

    LedgerSession *m_session;
    DatabaseWorker *m_worker; // the charts' own connection: long aggregates wait on nobody
    ChartRangeBar *m_range;
    QLabel *m_scopeLabel;
    QLabel *m_status;
    FiguresAsOf *m_asOf;
    LedgerMoment *m_moment; // the window's: a past moment charts the ledger of then
    std::array<QChartView *, 4> m_views{};
    QTimer *m_changeDebounce;
    RollupFolder *m_folder; // reads on m_worker
    QString m_userId;
    ChartData m_data;
    QString m_scope;
    QString m_error;
    bool m_hasData = false;
    bool m_loading = false; // figures or leaderboard
    bool m_leaderboardPending = false; // the figures are shown, the leaderboard is coming
    bool m_stale = true; // the figures shown are not those asked for: load when shown
    bool m_quiet = false; // refreshQuietly() asked for the next reload
    bool m_quietNext = false; // the next load to start is that reload's
    bool m_quietLoad = false; // the load running keeps the charts shown as they are
    QElapsedTimer m_lastQuiet; // when refreshQuietly() last loaded
    std::optional<ChartRequest> m_queued; // the newest request made while one was running
    QSet<Category> m_hidden;
    std::optional<std::pair<ChartKind, QString>> m_pendingExport; // waits for the figures
    CancelToken m_cancel; // of the request running
};
