#include "ui/charts/ChartsView.h"

#include "core/charts/ChartJobs.h"
#include "core/session/DatabaseWorker.h"
#include "core/session/LedgerSession.h"
#include "models/FiguresAsOf.h"
#include "models/LedgerMoment.h"
#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartExporter.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/charts/ChartText.h"
#include "ui/charts/RollupFolder.h"
#include "ui/common/AsOfBanner.h"
#include "ui/common/AsOfButton.h"
#include "ui/common/AsOfLabel.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"

#include <QAbstractBarSeries>
#include <QBarLegendMarker>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QPieLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

namespace {

constexpr int ChangeDelayMs = 300; // a burst of ledger changes is charted once
constexpr qreal LoadingOpacity = 0.4;
constexpr std::array<ChartKind, 4> Kinds{ChartKind::CategoryShare, ChartKind::OverTime, ChartKind::SourceType,
                                         ChartKind::TopUsers};

bool sameRequest(const ChartRequest &a, const ChartRequest &b)
{
    return a.userId == b.userId && a.first == b.first && a.last == b.last && a.topUsers == b.topUsers
        && a.asOf == b.asOf;
}

std::optional<Category> categoryOfMarker(QLegendMarker *marker)
{
    if (auto *bar = qobject_cast<QBarLegendMarker *>(marker))
        return ChartBuilder::categoryOf(bar->barset());
    if (auto *pie = qobject_cast<QPieLegendMarker *>(marker))
        return ChartBuilder::categoryOf(pie->slice());
    return std::nullopt;
}

} // namespace

ChartsView::ChartsView(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_worker(new DatabaseWorker(session->spec(), session->operatorName(), Database::OpenMode::ReadOnly, this)),
      m_range(new ChartRangeBar(this)),
      m_scopeLabel(new QLabel(this)),
      m_status(new QLabel(this)),
      m_asOf(new FiguresAsOf(this)),
      m_moment(LedgerMoment::of(session)),
      m_changeDebounce(new QTimer(this)),
      m_folder(new RollupFolder(session, m_worker, this))
{
    if (session->standby())
        m_worker->setStandby(session->standby()->route());
    m_scopeLabel->setObjectName(QStringLiteral("chartScope"));
    m_scopeLabel->setToolTip(tr("Whose XP is charted: choose a user on the left, or All users"));
    QFont bold = m_scopeLabel->font();
    bold.setBold(true);
    m_scopeLabel->setFont(bold);
    m_status->setObjectName(QStringLiteral("chartStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Short of room (a narrow window, a long language, the As of button) it wraps, not clips.
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_status->setMinimumWidth(m_status->fontMetrics().averageCharWidth() * 24);
    m_changeDebounce->setSingleShot(true);
    m_changeDebounce->setInterval(ChangeDelayMs);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(12);
    bar->addWidget(m_range);
    bar->addWidget(new AsOfButton(m_moment, this));
    bar->addWidget(m_scopeLabel);
    bar->addWidget(m_status, 1);
    bar->addWidget(new AsOfLabel(m_asOf, this));

    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    for (const ChartKind kind : Kinds) {
        auto *view = new QChartView(this);
        view->setObjectName(ChartKinds::name(kind));
        view->setRenderHint(QPainter::Antialiasing);
        view->setFrameShape(QFrame::NoFrame);
        view->setMinimumSize(280, 220);
        m_views[static_cast<int>(kind)] = view;
        const int index = static_cast<int>(kind);
        grid->addWidget(view, index / 2, index % 2);
    }
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(new AsOfBanner(m_moment, this));
    layout->addLayout(grid, 1);

    connect(m_range, &ChartRangeBar::rangeChanged, this, &ChartsView::reload);
    connect(m_session, &LedgerSession::ledgerChanged, m_changeDebounce, qOverload<>(&QTimer::start));
    connect(m_changeDebounce, &QTimer::timeout, this, &ChartsView::reload);
    connect(m_moment, &LedgerMoment::changed, this, [this] {
        m_asOf->setMoment(m_moment->moment());
        if (!sameRequest(request(), m_data.request) || !m_hasData)
            reload();
    });
    rebuildCharts();
    updateStatus();
}

ChartsView::~ChartsView()
{
    // The worker finishes its job before it goes: let a long one stop at its next bucket.
    m_cancel.cancel();
}

QChart *ChartsView::chart(ChartKind kind) const
{
    return chartView(kind)->chart();
}

ChartRequest ChartsView::request() const
{
    ChartRequest request;
    request.userId = m_userId;
    request.asOf = m_moment->moment();
    // A past moment's charts end on its day: "the last 30 days" of then.
    const auto [first, last]
        = m_range->range(request.asOf.isValid() ? request.asOf.toLocalTime().date() : QDate::currentDate());
    request.first = first;
    request.last = last;
    return request;
}

void ChartsView::setUser(const QString &userId)
{
    if (userId == m_userId)
        return;
    m_userId = userId;
    reload();
}

void ChartsView::refresh()
{
    reload();
}

void ChartsView::refreshQuietly()
{
    if (m_moment->isPast() || m_changeDebounce->isActive())
        return; // the load already planned takes this change in too
    m_quiet = true;
    const qint64 since = m_lastQuiet.isValid() ? m_lastQuiet.elapsed() : QuietIntervalMs;
    m_changeDebounce->start(
        std::max<int>(ChangeDelayMs, QuietIntervalMs - int(std::min<qint64>(since, QuietIntervalMs))));
}

void ChartsView::reload()
{
    const bool quiet = std::exchange(m_quiet, false);
    if (quiet)
        m_lastQuiet.start();
    m_changeDebounce->stop();
    m_changeDebounce->setInterval(ChangeDelayMs); // refreshQuietly() may have lengthened it
    m_stale = true;
    if (isVisible() || m_pendingExport) {
        m_quietNext = quiet;
        load(request());
    }
    updateStatus();
}

void ChartsView::load(const ChartRequest &request)
{
    m_stale = false;
    if (m_loading) {
        m_queued = request; // replaces any request that was waiting
        m_cancel.cancel(); // and the one running stops at its next time bucket
        return;
    }
    start(request);
}

void ChartsView::start(const ChartRequest &request)
{
    m_quietLoad = m_hasData && std::exchange(m_quietNext, false);
    m_loading = true;
    m_leaderboardPending = false;
    m_cancel = CancelToken();
    emit loadStarted(request);
    updateStatus();
    m_folder->request();
    // The figures first, the leaderboard second: over a long range it is the slow part.
    ChartRequest figures = request;
    figures.topUsers = 0;
    m_worker->postRead<ChartFiguresOf>(
        this, ChartJobs::load(figures, m_cancel),
        [this, topUsers = request.topUsers](const Result<ChartFiguresOf> &result, const ReadSource &source) {
            finished(result, source, topUsers);
        });
}

bool ChartsView::startQueued()
{
    if (!m_queued)
        return false;
    // Asked for something else meanwhile: this result is stale.
    const ChartRequest next = *m_queued;
    m_queued.reset();
    start(next);
    return true;
}

void ChartsView::finished(const Result<ChartFiguresOf> &result, const ReadSource &source, int topUsers)
{
    if (startQueued())
        return;
    if (!result) {
        failed(result.error().message);
        return;
    }
    m_error.clear();
    m_asOf->restart(source);
    m_data = result->data;
    m_data.request.topUsers = topUsers;
    m_scope = result->scope;
    m_hasData = true;
    m_leaderboardPending = true;
    rebuildCharts();
    m_worker->postRead<QList<TopUser>>(
        this, ChartJobs::leaderboard(m_data),
        [this](const Result<QList<TopUser>> &top, const ReadSource &source) { leaderboardFinished(top, source); });
}

void ChartsView::leaderboardFinished(const Result<QList<TopUser>> &top, const ReadSource &source)
{
    m_loading = false;
    m_quietLoad = false;
    m_leaderboardPending = false;
    if (startQueued())
        return;
    if (!top) {
        failed(top.error().message);
        return;
    }
    m_asOf->add(source);
    m_data.topUsers = *top;
    rebuildCharts();
    updateStatus();
    if (m_pendingExport) {
        const auto [kind, fileName] = *m_pendingExport;
        m_pendingExport.reset();
        writeExport(kind, fileName);
    }
    emit loaded();
}

void ChartsView::failed(const QString &message)
{
    m_loading = false;
    m_quietLoad = false;
    m_leaderboardPending = false;
    m_error = message;
    updateStatus();
    emit loadFailed(m_error);
    if (m_pendingExport) {
        m_pendingExport.reset();
        MessageBox::warning(this, tr("Export Chart"), tr("The chart could not be read: %1").arg(m_error));
    }
}

void ChartsView::rebuildCharts()
{
    for (const ChartKind kind : Kinds) {
        ChartStyle style;
        style.palette = palette();
        style.hidden = m_hidden;
        style.highlightedUser = m_data.request.userId;
        if (kind == ChartKind::TopUsers && m_leaderboardPending && m_quietLoad)
            continue; // the old leaderboard stays until the new one is in
        if (!m_hasData || (kind == ChartKind::TopUsers && m_leaderboardPending))
            style.emptyText = m_error.isEmpty() ? tr("Loading…") : tr("Not loaded");
        std::unique_ptr<QChart> chart = ChartBuilder::build(kind, m_data, style);
        connectChart(kind, chart.get());
        QChartView *view = chartView(kind);
        QChart *old = view->chart();
        view->setChart(chart.release());
        // The old chart may be the sender of the click that got here: it goes once that is over.
        if (old)
            old->deleteLater();
    }
    updateStatus();
}

void ChartsView::connectChart(ChartKind kind, QChart *chart)
{
    for (QLegendMarker *marker : chart->legend()->markers()) {
        if (const auto category = categoryOfMarker(marker)) {
            const Category c = *category;
            connect(marker, &QLegendMarker::clicked, this, [this, c] { toggleCategory(c); });
            marker->setShape(QLegend::MarkerShapeRectangle);
        }
    }
    for (QAbstractSeries *series : chart->series()) {
        if (auto *pie = qobject_cast<QPieSeries *>(series)) {
            for (QPieSlice *slice : pie->slices()) {
                const auto category = ChartBuilder::categoryOf(slice);
                if (!category)
                    continue;
                const Category c = *category;
                connect(slice, &QPieSlice::hovered, chart, [this, slice, c](bool on) {
                    slice->setExploded(on && slice->value() > 0);
                    showTip(ChartKind::CategoryShare, on ? ChartText::categoryShareTip(m_data, c) : QString());
                });
            }
        } else if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets()) {
                const auto category = ChartBuilder::categoryOf(set);
                connect(set, &QBarSet::hovered, chart, [this, kind, category](bool on, int index) {
                    QString text;
                    if (on && kind == ChartKind::OverTime && category)
                        text = ChartText::overTimeTip(m_data, *category, index);
                    else if (on && kind == ChartKind::SourceType && category)
                        text = ChartText::sourceTypeTip(m_data, *category, ChartBuilder::sourceTypeAt(index));
                    else if (on && kind == ChartKind::TopUsers)
                        text = ChartText::topUserTip(m_data, ChartBuilder::topUserRank(m_data, index));
                    showTip(kind, text);
                });
                if (kind == ChartKind::TopUsers)
                    connect(set, &QBarSet::clicked, chart, [this](int index) { activateTopUser(index); });
            }
        }
    }
}

void ChartsView::showTip(ChartKind kind, const QString &text)
{
    QChartView *view = chartView(kind);
    if (text.isEmpty()) {
        QToolTip::hideText();
        view->unsetCursor();
        return;
    }
    if (kind == ChartKind::TopUsers)
        view->setCursor(Qt::PointingHandCursor);
    QToolTip::showText(QCursor::pos(), text, view);
}

void ChartsView::activateTopUser(int barIndex)
{
    const int rank = ChartBuilder::topUserRank(m_data, barIndex);
    if (rank >= 0)
        emit userActivated(m_data.topUsers.at(rank).userId);
}

void ChartsView::toggleCategory(Category category)
{
    setCategoryHidden(category, !m_hidden.contains(category));
}

void ChartsView::setCategoryHidden(Category category, bool hidden)
{
    if (hidden == m_hidden.contains(category))
        return;
    if (hidden)
        m_hidden.insert(category);
    else
        m_hidden.remove(category);
    // Not at once: the legend marker that was clicked belongs to a chart about to be replaced.
    QMetaObject::invokeMethod(this, &ChartsView::rebuildCharts, Qt::QueuedConnection);
}

void ChartsView::updateStatus()
{
    m_scopeLabel->setText(m_hasData && m_data.request.userId == m_userId ? m_scope
                                                                         : ChartText::scope(m_userId, m_userId));
    for (const ChartKind kind : Kinds) {
        if (QChart *chart = this->chart(kind))
            chart->setOpacity(m_loading && m_hasData && !m_leaderboardPending && !m_quietLoad ? LoadingOpacity : 1.0);
    }
    if (m_loading && !m_quietLoad) {
        m_status->setText(tr("Loading…"));
        m_status->setToolTip({});
        return;
    }
    if (!m_error.isEmpty()) {
        m_status->setText(tr("Not loaded: %1 (F5 tries again)").arg(m_error));
        m_status->setToolTip(m_error);
        return;
    }
    if (!m_hasData) {
        m_status->clear();
        return;
    }
    QString unit;
    switch (m_data.unit) {
    case BucketUnit::Day:
        unit = tr("by day");
        break;
    case BucketUnit::Week:
        unit = tr("by week");
        break;
    case BucketUnit::Month:
        unit = tr("by month");
        break;
    }
    m_status->setText(tr("%1 · %2 · %3 · %4")
                          .arg(ChartText::transactions(m_data.byCategory.totalTransactions()),
                               ChartText::xp(m_data.byCategory.totalXp()), ChartText::range(m_data), unit));
    m_status->setToolTip(tr("Hover over a chart for exact figures; click a legend entry to hide or show a category"));
}

void ChartsView::exportChart(ChartKind kind)
{
    const QString who = m_userId.isEmpty() || kind == ChartKind::TopUsers ? QStringLiteral("everyone") : m_userId;
    const QString suggested
        = QStringLiteral("xp-%1-%2-%3.png")
              .arg(ChartKinds::name(kind), who, QDate::currentDate().toString(QStringLiteral("yyyyMMdd")));
    QString fileName = FileDialog::getSaveFileName(this, tr("Export Chart: %1").arg(ChartKinds::title(kind)), suggested,
                                                   ChartExporter::fileFilter(), QStringLiteral("chart"));
    if (fileName.isEmpty())
        return;
    if (QFileInfo(fileName).suffix().isEmpty())
        fileName += QStringLiteral(".png");
    if (!ChartExporter::formatFor(fileName)) {
        MessageBox::warning(this, tr("Export Chart"),
                            tr("%1 is not a PNG, SVG or PDF file name: end it with .png, .svg or .pdf.")
                                .arg(QDir::toNativeSeparators(fileName)));
        return;
    }
    if (m_hasData && !m_loading && !m_stale && sameRequest(m_data.request, request())) {
        writeExport(kind, fileName);
        return;
    }
    m_pendingExport = std::make_pair(kind, fileName);
    load(request());
    updateStatus();
}

void ChartsView::writeExport(ChartKind kind, const QString &fileName)
{
    const Status written = ChartExporter::write(kind, m_data, m_scope, fileName);
    if (!written) {
        MessageBox::warning(this, tr("Export Chart"), written.error().message);
        return;
    }
    emit statusMessage(tr("Exported %1 to %2").arg(ChartKinds::title(kind), QDir::toNativeSeparators(fileName)));
    emit exported(fileName);
}

void ChartsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void ChartsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        && m_views.front())
        rebuildCharts();
}

QByteArray ChartsView::saveState() const
{
    return m_range->saveState();
}

bool ChartsView::restoreState(const QByteArray &state)
{
    return m_range->restoreState(state);
}
