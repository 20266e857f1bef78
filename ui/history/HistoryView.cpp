#include "ui/history/HistoryView.h"

#include "core/history/HistoryJobs.h"
#include "core/session/LedgerSession.h"
#include "models/HistoryModel.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/CsvSaveDialog.h"
#include "ui/common/MessageBox.h"
#include "ui/history/HistoryDelegate.h"
#include "ui/history/HistoryFilterBar.h"

#include <QAction>
#include <QClipboard>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressDialog>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr quint32 StateMagic = 0x58504856; // "XPHV"
constexpr quint8 StateVersion = 1;

bool sameFilter(const HistoryFilter &a, const HistoryFilter &b)
{
    return a.userId == b.userId && a.since == b.since && a.until == b.until && a.category == b.category
        && a.sourceType == b.sourceType && a.text == b.text;
}

// A clipboard cell: tabs and line breaks would break the table it is pasted into.
QString clipboardCell(QString text)
{
    text.replace(QLatin1Char('\t'), QLatin1Char(' '))
        .replace(QLatin1Char('\r'), QLatin1Char(' '))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

} // namespace

HistoryView::HistoryView(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(new HistoryModel(session, this)),
      m_filterBar(new HistoryFilterBar(this)),
      m_table(new QTableView(this)),
      m_status(new QLabel(this)),
      m_contextMenu(new QMenu(this))
{
    connect(m_filterBar, &HistoryFilterBar::changed, this, &HistoryView::applyFilters);

    // Table.
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new HistoryDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->installEventFilter(this);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const QFontMetrics metrics = fontMetrics();
    const QString sampleTime = QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58)), QLocale::ShortFormat)
        + QStringLiteral(":58");
    const int digit = metrics.horizontalAdvance(QLatin1Char('8'));
    header->resizeSection(HistoryModel::Time, metrics.horizontalAdvance(sampleTime) + 24);
    header->resizeSection(HistoryModel::Amount, digit * 8);
    header->resizeSection(HistoryModel::SourceType, digit * 19);
    header->resizeSection(HistoryModel::SourceId, digit * 22);
    header->resizeSection(HistoryModel::Category, digit * 17);
    header->resizeSection(HistoryModel::Description, digit * 44);
    header->resizeSection(HistoryModel::User, digit * 27);
    header->resizeSection(HistoryModel::Id, digit * 27);
    header->setStretchLastSection(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(HistoryModel::Time, m_model->sortOrder());
    connect(header, &QHeaderView::sortIndicatorChanged, this, &HistoryView::onSortIndicatorChanged);
    connect(header, &QHeaderView::customContextMenuRequested, this, &HistoryView::showHeaderMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &HistoryView::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateStatus();
        emit selectionChanged();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateStatus();
        emit selectionChanged(); // a reset clears the selection without a signal
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryView::updateStatus);
    connect(m_model, &HistoryModel::countReady, this, &HistoryView::updateStatus);
    connect(m_model, &HistoryModel::releasedRowsChanged, this, &HistoryView::updateStatus);
    // Rows released above the viewport must not move what the person is reading: scroll back up
    // by as much as was removed, once the view has taken the removal in.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
        if (first != 0)
            return;
        QScrollBar *bar = m_table->verticalScrollBar();
        const int removed = last - first + 1;
        const int step = m_table->verticalScrollMode() == QAbstractItemView::ScrollPerItem
            ? 1
            : m_table->verticalHeader()->defaultSectionSize();
        const int target = std::max(0, bar->value() - removed * step);
        QMetaObject::invokeMethod(
            this, [bar, target] { bar->setValue(target); }, Qt::QueuedConnection);
    });
    connect(m_model, &HistoryModel::loadingChanged, this, &HistoryView::updateStatus);
    connect(m_model, &HistoryModel::loadFailed, this, &HistoryView::showLoadError);

    // Context menu: the view's own actions; the main window adds its row actions.
    QAction *copy = m_contextMenu->addAction(tr("&Copy"), this, &HistoryView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setToolTip(tr("Copy the selected rows with a header, tab-separated"));
    QAction *exportAction = m_contextMenu->addAction(tr("&Export to CSV…"), this, &HistoryView::exportCsv);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setToolTip(tr("Write every transaction of the filter to a CSV file"));
    m_contextMenu->addSeparator();

    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    setFocusProxy(m_table);
    updateStatus();
}

HistoryFilter HistoryView::filterFromWidgets() const
{
    HistoryFilter filter = m_filterBar->filter();
    filter.userId = m_userId;
    return filter;
}

HistoryFilter HistoryView::filter() const
{
    return m_model->filter();
}

void HistoryView::applyFilters()
{
    const HistoryFilter wanted = filterFromWidgets();
    if (!sameFilter(wanted, m_model->filter()))
        m_model->setFilter(wanted);
}

void HistoryView::clearFilters()
{
    m_filterBar->clearFilters();
}

void HistoryView::focusTextFilter()
{
    m_filterBar->focusTextFilter();
}

void HistoryView::setUser(const QString &userId)
{
    m_userId = userId;
    updateUserColumn();
    applyFilters();
}

void HistoryView::updateUserColumn()
{
    m_table->setColumnHidden(HistoryModel::User, !m_userId.isEmpty());
}

void HistoryView::refresh()
{
    // A period such as "Today" moves with the clock: work it out again.
    const HistoryFilter wanted = filterFromWidgets();
    if (sameFilter(wanted, m_model->filter()))
        m_model->reload();
    else
        m_model->setFilter(wanted);
}

void HistoryView::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (column != HistoryModel::Time) {
        const QSignalBlocker blocker(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(HistoryModel::Time, m_model->sortOrder());
        return;
    }
    m_model->sort(column, order);
}

QList<XpTransaction> HistoryView::selectedTransactions() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<XpTransaction> result;
    result.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        result << m_model->transaction(index.row());
    return result;
}

int HistoryView::selectedCount() const
{
    return static_cast<int>(m_table->selectionModel()->selectedRows().size());
}

void HistoryView::copySelection()
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    // The columns as the table shows them: in their order, without hidden ones.
    const QHeaderView *header = m_table->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    QStringList lines;
    QStringList cells;
    for (const int column : std::as_const(columns))
        cells << m_model->headerData(column, Qt::Horizontal).toString();
    lines << cells.join(QLatin1Char('\t'));
    for (const QModelIndex &row : std::as_const(rows)) {
        cells.clear();
        for (const int column : std::as_const(columns)) {
            const QModelIndex index = m_model->index(row.row(), column);
            // Amounts as plain numbers, so a spreadsheet adds them up.
            cells << (column == HistoryModel::Amount
                          ? QString::number(index.data(HistoryModel::RawValueRole).toLongLong())
                          : clipboardCell(index.data().toString()));
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    const qsizetype count = rows.size();
    emit statusMessage(count == 1 ? tr("Copied 1 transaction")
                                  : tr("Copied %1 transactions").arg(QLocale().toString(count)));
}

void HistoryView::exportCsv()
{
    if (m_exporting) {
        MessageBox::information(this, tr("Export"), tr("An export is already running; wait for it or cancel it."));
        return;
    }
    const QString who = m_userId.isEmpty() ? QStringLiteral("everyone") : m_userId;
    const QString suggested
        = QStringLiteral("xp-history-%1-%2.csv").arg(who, QDate::currentDate().toString(QStringLiteral("yyyyMMdd")));
    const auto choice = CsvSaveDialog::ask(this, tr("Export Transactions to CSV"), suggested, QStringLiteral("export"));
    if (!choice)
        return;
    const QString fileName = choice->fileName;

    m_exporting = true;
    const QString shortName = QFileInfo(fileName).fileName();
    auto *task = new BackgroundTask(this, tr("Export to CSV"), [shortName](qint64 written, qint64 total) {
        return total >= 0 ? tr("Writing %1: %2 of %3 transactions")
                                .arg(shortName, QLocale().toString(written), QLocale().toString(total))
                          : tr("Counting the transactions to export…");
    });
    QProgressDialog *progress = task->dialog();
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowModality(Qt::NonModal); // the export runs on its own worker: keep working meanwhile
    progress->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);
    task->setShowAfter(0);
    task->setFailureReport(BackgroundTask::Severity::Warning, tr("Export Failed"));
    connect(task, &BackgroundTask::cancelled, this, &HistoryView::statusMessage);
    task->post<qint64>(
        m_session->background(),
        HistoryJobs::exportCsv(m_model->filter(), m_model->order(), fileName, task->progress(), choice->format),
        [this, fileName](const Result<qint64> &written) {
            m_exporting = false;
            if (!written)
                return;
            const QString report = tr("Exported %1 transactions to %2.")
                                       .arg(QLocale().toString(*written), QDir::toNativeSeparators(fileName));
            emit statusMessage(report);
            emit exportFinished(*written, fileName);
            MessageBox::information(this, tr("Export Finished"), report);
        });
}

void HistoryView::updateStatus()
{
    const QLocale locale;
    const int shown = m_model->rowCount();
    const qint64 total = m_model->totalCount();
    QString text;
    if (total < 0) {
        text = m_model->isLoading() && shown == 0
            ? tr("Loading transactions…")
            : tr("Showing %1 transactions (counting…)").arg(locale.toString(shown));
    } else if (total == 0 && !m_model->isLoading()) {
        text = sameFilter(m_model->filter(), HistoryFilter{m_userId, {}, {}, {}, {}, {}})
            ? tr("No transactions")
            : tr("No transactions match the filters");
    } else {
        text = total == 1 ? tr("Showing %1 of 1 transaction").arg(locale.toString(shown))
                          : tr("Showing %1 of %2 transactions").arg(locale.toString(shown), locale.toString(total));
    }
    if (const qint64 released = m_model->releasedRows(); released > 0)
        text = tr("Showing rows %1 to %2 of %3; newer ones were released to save memory (F5 shows the newest)")
                   .arg(locale.toString(released + 1), locale.toString(released + shown),
                        total < 0 ? tr("many") : locale.toString(total));
    if (m_model->isLoading() && shown > 0)
        text += tr(" · loading…");
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (!selected.isEmpty()) {
        qint64 sum = 0;
        for (const QModelIndex &index : selected)
            sum += m_model->index(index.row(), HistoryModel::Amount).data(HistoryModel::RawValueRole).toLongLong();
        const QString signedSum = sum > 0 ? locale.positiveSign() + locale.toString(sum) : locale.toString(sum);
        text += selected.size() == 1 ? tr(" · 1 selected (%1 XP)").arg(signedSum)
                                     : tr(" · %1 selected (%2 XP)").arg(locale.toString(selected.size()), signedSum);
    }
    m_status->setText(text);
}

void HistoryView::addRowAction(QAction *action)
{
    m_contextMenu->addAction(action);
}

void HistoryView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (index.isValid() && !m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->selectRow(index.row());
    m_contextMenu->exec(m_table->viewport()->mapToGlobal(pos));
}

void HistoryView::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < HistoryModel::ColumnCount; ++column) {
        if (column == HistoryModel::User && !m_userId.isEmpty())
            continue; // shown for everyone only
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != HistoryModel::Time && column != HistoryModel::Amount);
        connect(action, &QAction::toggled, header,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.exec(header->viewport()->mapToGlobal(pos));
}

void HistoryView::showLoadError(const QString &message)
{
    m_status->setText(tr("Not loaded: %1").arg(message));
    if (m_errorShown)
        return;
    m_errorShown = true;
    MessageBox::warning(this, tr("History"),
                        message + QStringLiteral("\n\n") + tr("Nothing was changed. Press F5 to try again."));
    m_errorShown = false;
}

QByteArray HistoryView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << StateMagic << StateVersion << m_table->horizontalHeader()->saveState() << qint32(m_model->sortOrder());
    return state;
}

bool HistoryView::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    quint8 version = 0;
    QByteArray headerState;
    qint32 order = 0;
    in >> magic >> version >> headerState >> order;
    if (in.status() != QDataStream::Ok || magic != StateMagic || version != StateVersion)
        return false;
    QHeaderView *header = m_table->horizontalHeader();
    if (!header->restoreState(headerState))
        return false;
    m_model->sort(HistoryModel::Time, order == Qt::AscendingOrder ? Qt::AscendingOrder : Qt::DescendingOrder);
    {
        const QSignalBlocker blocker(header);
        header->setSortIndicator(HistoryModel::Time, m_model->sortOrder());
    }
    updateUserColumn();
    return true;
}

bool HistoryView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy)) {
            // The table copies rows, not its current cell; and it answers Ctrl+C before any
            // window-wide shortcut does.
            key->accept();
            if (event->type() == QEvent::KeyPress)
                copySelection();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
