#include "ui/audit/AuditLogView.h"

#include "core/audit/AuditCsvExport.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditReportCsv.h"
#include "core/audit/AuditReportPdf.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "ui/audit/AuditEventDetail.h"
#include "ui/audit/AuditFilterBar.h"
#include "ui/audit/AuditItemDelegate.h"
#include "ui/audit/AuditReportDialog.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDataStream>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <atomic>
#include <memory>

namespace {

constexpr quint32 StateMagic = 0x58415544; // "XAUD"
constexpr quint32 StateVersion = 1;
constexpr int ProgressPollMs = 100;

// Written by a job on a worker thread, read by the GUI thread's progress dialog.
struct ProgressCounter
{
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{-1}; // not known yet
};

struct FilterChoices
{
    QStringList actions;
    QStringList actors;
};

// A progress dialog that follows counter until deleted and cancels token when asked to. It
// shows itself only when the work takes longer than a moment.
QProgressDialog *startProgress(QWidget *parent, const QString &title,
                               const std::function<QString(qint64, qint64)> &label, const CancelToken &token,
                               const std::shared_ptr<ProgressCounter> &counter)
{
    auto *dialog = new QProgressDialog(label(0, -1), AuditLogView::tr("Cancel"), 0, 0, parent); // owned by parent
    dialog->setWindowTitle(title);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [dialog, token] {
        token.cancel();
        dialog->setLabelText(AuditLogView::tr("Cancelling…"));
    });
    auto *poll = new QTimer(dialog);
    QObject::connect(poll, &QTimer::timeout, dialog, [dialog, token, label, counter] {
        if (token.isCancelled())
            return;
        const qint64 done = counter->done.load();
        const qint64 total = counter->total.load();
        if (total > 0) {
            // QProgressDialog counts in int: scale large logs down.
            const qint64 scale = total > 1'000'000'000 ? 1000 : 1;
            dialog->setMaximum(int(total / scale));
            dialog->setValue(int(std::min(done, total) / scale));
        }
        dialog->setLabelText(label(done, total));
    });
    poll->start(ProgressPollMs);
    return dialog;
}

void finishProgress(QProgressDialog *dialog)
{
    dialog->hide();
    dialog->deleteLater();
}

} // namespace

AuditLogView::AuditLogView(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(new AuditModel(session, this)),
      m_filterBar(new AuditFilterBar(this)),
      m_count(new QLabel(this)),
      m_result(new VerifyResultPanel(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)),
      m_table(new QTableView(m_splitter)),
      m_delegate(new AuditItemDelegate(m_table)),
      m_detail(new AuditEventDetail(m_splitter)),
      m_verifyAction(new QAction(tr("&Verify"), this)),
      m_exportAction(new QAction(tr("&Export CSV…"), this)),
      m_verifyAnchorAction(new QAction(tr("Verify Against &Anchor…"), this)),
      m_saveAnchorAction(new QAction(tr("&Save Anchor…"), this)),
      m_reportAction(new QAction(tr("Audit &Report…"), this)),
      m_copyAction(new QAction(tr("&Copy"), this)),
      m_userAction(new QAction(tr("Show only this &user"), this)),
      m_findAction(new QAction(tr("&Filter"), this))
{
    setObjectName(QStringLiteral("auditLogView"));

    m_verifyAction->setObjectName(QStringLiteral("auditVerifyAction"));
    // The window's Ledger > Verify carries Ctrl+Shift+V; a second action with the key would
    // make it ambiguous.
    m_verifyAction->setToolTip(tr("Check the audit log's hash chain and every user's cached total (Ctrl+Shift+V)"));
    connect(m_verifyAction, &QAction::triggered, this, &AuditLogView::verify);

    m_exportAction->setObjectName(QStringLiteral("auditExportAction"));
    // The window's File > Export Audit Log carries the key (Ctrl+Shift+E).
    m_exportAction->setToolTip(
        tr("Write every event the filter matches to a CSV file, snapshots and hashes included (Ctrl+Shift+E)"));
    connect(m_exportAction, &QAction::triggered, this, &AuditLogView::exportCsv);

    m_verifyAnchorAction->setObjectName(QStringLiteral("auditVerifyAnchorAction"));
    m_verifyAnchorAction->setToolTip(tr("Verify, and also check that the event recorded in an anchor file is still "
                                        "there with its hash: finds the newest events removed"));
    connect(m_verifyAnchorAction, &QAction::triggered, this, &AuditLogView::verifyAgainstAnchor);
    m_saveAnchorAction->setObjectName(QStringLiteral("auditSaveAnchorAction"));
    m_saveAnchorAction->setToolTip(tr("Save the newest event's seq and hash to a file; keep it away from the "
                                      "database to verify against later"));
    connect(m_saveAnchorAction, &QAction::triggered, this, &AuditLogView::saveAnchor);
    m_reportAction->setObjectName(QStringLiteral("auditReportAction"));
    m_reportAction->setToolTip(
        tr("Write every event of one user in a period, with its hash, as PDF or CSV for an auditor to file"));
    connect(m_reportAction, &QAction::triggered, this, &AuditLogView::auditReport);

    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_copyAction->setToolTip(tr("Copy the selected events as tab-separated text (Ctrl+C)"));
    connect(m_copyAction, &QAction::triggered, this, &AuditLogView::copySelection);

    m_userAction->setShortcut(QKeySequence(tr("Ctrl+U")));
    m_userAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_userAction->setToolTip(tr("Filter the log by the selected event's user (Ctrl+U)"));
    connect(m_userAction, &QAction::triggered, this, &AuditLogView::filterBySelectedUser);

    // Ctrl+F searches users, window-wide; like the history's text filter, this one is
    // Ctrl+Shift+F while the audit log is shown.
    m_findAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_findAction->setShortcutContext(Qt::WindowShortcut);
    m_findAction->setToolTip(tr("Put the cursor in the user filter (Ctrl+Shift+F)"));
    connect(m_findAction, &QAction::triggered, m_filterBar, &AuditFilterBar::focusUserFilter);
    addActions({m_verifyAction, m_exportAction, m_userAction, m_findAction});

    auto *verifyButton = new QToolButton(this);
    verifyButton->setObjectName(QStringLiteral("auditVerifyButton"));
    verifyButton->setDefaultAction(m_verifyAction);
    auto *verifyMenu = new QMenu(verifyButton);
    verifyMenu->addAction(m_verifyAnchorAction);
    verifyMenu->addAction(m_saveAnchorAction);
    verifyButton->setMenu(verifyMenu);
    verifyButton->setPopupMode(QToolButton::MenuButtonPopup);
    auto *reportButton = new QToolButton(this);
    reportButton->setObjectName(QStringLiteral("auditReportButton"));
    reportButton->setDefaultAction(m_reportAction);
    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("auditExportButton"));
    exportButton->setDefaultAction(m_exportAction);

    m_count->setObjectName(QStringLiteral("auditCount"));
    m_count->setEnabled(false); // dimmed: it describes, it does not ask

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    bar->addWidget(m_filterBar, 1);
    bar->addStretch(0);
    bar->addWidget(m_count);
    bar->addSpacing(6);
    bar->addWidget(verifyButton);
    bar->addWidget(exportButton);
    bar->addWidget(reportButton);

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(m_delegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSortingEnabled(false); // the log has one order: newest first
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->addAction(m_copyAction);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics mono(AuditItemDelegate::monospaceFont(m_table->font()));
    const QFontMetrics text(m_table->font());
    const int pad = 16;
    m_table->setColumnWidth(AuditModel::Seq, mono.horizontalAdvance(QStringLiteral("00000000")) + pad);
    m_table->setColumnWidth(AuditModel::When, text.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + pad);
    m_table->setColumnWidth(AuditModel::Actor, text.horizontalAdvance(QStringLiteral("postgres (operator)")) + pad);
    m_table->setColumnWidth(AuditModel::Action, text.horizontalAdvance(QStringLiteral("delete-source")) + pad + 8);
    const int idWidth = mono.horizontalAdvance(QStringLiteral("c0000000…00000000")) + pad; // elided in the middle
    m_table->setColumnWidth(AuditModel::User, idWidth);
    m_table->setColumnWidth(AuditModel::Transaction, idWidth);
    m_table->setColumnWidth(AuditModel::Amount, mono.horizontalAdvance(QStringLiteral("-000000")) + pad);

    m_splitter->setObjectName(QStringLiteral("auditSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_result);
    layout->addWidget(m_splitter, 1);

    connect(m_filterBar, &AuditFilterBar::filterChanged, this, &AuditLogView::applyFilter);
    connect(m_model, &AuditModel::filterChanged, m_filterBar, &AuditFilterBar::setFilter);
    connect(m_model, &AuditModel::modelReset, this, &AuditLogView::showCurrentEvent);
    connect(m_model, &AuditModel::totalCountChanged, this, &AuditLogView::updateCount);
    connect(m_model, &AuditModel::loadingChanged, this, &AuditLogView::updateCount);
    connect(m_model, &AuditModel::rowsInserted, this, &AuditLogView::updateCount);
    connect(m_model, &AuditModel::loadFailed, this, [this](const QString &message) {
        emit statusMessage(message);
        MessageBox::warning(this, tr("Audit log"), message + QLatin1Char('\n') + tr("Press F5 to try again."));
    });
    connect(m_model, &AuditModel::located, this, [this](int row) {
        m_retriedWithoutFilter = false;
        const QModelIndex index = m_model->index(row, AuditModel::Seq);
        m_table->setCurrentIndex(index);
        m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
        m_table->setFocus(Qt::OtherFocusReason);
    });
    connect(m_model, &AuditModel::notFound, this, [this](qint64 seq) {
        if (!m_model->filter().isEmpty() && !m_retriedWithoutFilter) {
            m_retriedWithoutFilter = true; // the filter hides it: show everything, then look again
            m_model->setFilter({});
            m_model->locate(seq);
            return;
        }
        m_retriedWithoutFilter = false;
        MessageBox::information(this, tr("Audit log"),
                                tr("Event %1 is not in the audit log: it may have been removed.").arg(seq));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditLogView::showCurrentEvent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AuditLogView::showCurrentEvent);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addAction(m_copyAction);
        menu.addAction(m_userAction);
        menu.addSeparator();
        menu.addAction(m_verifyAction);
        menu.addAction(m_verifyAnchorAction);
        menu.addAction(m_saveAnchorAction);
        menu.addSeparator();
        menu.addAction(m_exportAction);
        menu.addAction(m_reportAction);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_result, &VerifyResultPanel::showEventRequested, this, &AuditLogView::selectEvent);
    connect(m_result, &VerifyResultPanel::repairRequested, this, &AuditLogView::repairTotals);

    updateCount();
    m_model->setFilter({});
    loadFilterChoices();
}

AuditLogView::~AuditLogView()
{
    // Jobs still running stop at their next check; their results are dropped with this view.
    if (m_verifyCancel)
        m_verifyCancel->cancel();
    if (m_exportCancel)
        m_exportCancel->cancel();
    if (m_reportCancel)
        m_reportCancel->cancel();
}

void AuditLogView::setUserFilter(const QString &userId)
{
    AuditFilter filter = m_filterBar->filter();
    filter.userId = userId.trimmed();
    filter.maxSeq.reset();
    m_filterBar->setFilter(filter);
    applyFilter(filter);
}

void AuditLogView::applyFilter(const AuditFilter &filter)
{
    if (filter == m_model->filter())
        return;
    m_retriedWithoutFilter = false;
    m_model->setFilter(filter);
}

void AuditLogView::refresh()
{
    m_model->reload();
    loadFilterChoices();
}

void AuditLogView::loadFilterChoices()
{
    m_session->interactive()->post<FilterChoices>(
        this,
        [](Database &db) -> Result<FilterChoices> {
            AuditQuery query(db);
            auto actions = query.distinctActions();
            if (!actions)
                return actions.error();
            auto actors = query.distinctActors();
            if (!actors)
                return actors.error();
            return FilterChoices{*actions, *actors};
        },
        [this](const Result<FilterChoices> &choices) {
            if (!choices)
                return; // the filters still work with the known actions and free text
            m_filterBar->setActions(choices->actions);
            m_filterBar->setActors(choices->actors);
        });
}

void AuditLogView::showCurrentEvent()
{
    const QModelIndex current = m_table->currentIndex();
    const int selected = m_table->selectionModel() ? int(m_table->selectionModel()->selectedRows().size()) : 0;
    if (!current.isValid() || selected == 0) {
        m_detail->clear();
        return;
    }
    m_detail->setEvent(m_model->event(current.row()), selected);
}

void AuditLogView::updateCount()
{
    const QLocale locale;
    const std::optional<qint64> total = m_model->totalCount();
    if (!total) {
        m_count->setText(m_model->isLoading() ? tr("Loading…") : QString());
        return;
    }
    m_count->setText(*total == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(*total)));
    m_count->setToolTip(tr("%1 events match the filter; %2 are loaded")
                            .arg(locale.toString(*total), locale.toString(m_model->rowCount())));
}

void AuditLogView::copySelection()
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    QStringList header;
    for (int column = 0; column < AuditModel::ColumnCount; ++column)
        header << m_model->headerData(column, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('\t'));
    for (const QModelIndex &row : std::as_const(rows)) {
        QStringList cells;
        for (int column = 0; column < AuditModel::ColumnCount; ++column)
            cells << m_model->index(row.row(), column).data().toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    emit statusMessage(rows.size() == 1 ? tr("Copied 1 event") : tr("Copied %1 events").arg(rows.size()));
}

void AuditLogView::filterBySelectedUser()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const QString userId = m_model->event(current.row()).userId;
    if (userId.isEmpty()) {
        emit statusMessage(tr("Event %1 concerns no single user").arg(m_model->event(current.row()).seq));
        return;
    }
    setUserFilter(userId);
}

void AuditLogView::selectEvent(qint64 seq)
{
    m_retriedWithoutFilter = false;
    m_model->locate(seq);
}

void AuditLogView::verify()
{
    runVerify(std::nullopt);
}

void AuditLogView::verifyAgainstAnchor()
{
    if (m_verifyCancel)
        return;
    const QString fileName = FileDialog::getOpenFileName(
        this, tr("Verify against anchor"), tr("Audit anchors (*.json);;All files (*)"), QStringLiteral("audit-anchor"));
    if (fileName.isEmpty())
        return;
    const auto anchor = AuditAnchor::load(fileName);
    if (!anchor) {
        MessageBox::warning(this, tr("Verify against anchor"), anchor.error().message);
        return;
    }
    verifyWithAnchor(*anchor);
}

void AuditLogView::verifyWithAnchor(const AuditAnchor &anchor)
{
    runVerify(anchor);
}

void AuditLogView::runVerify(const std::optional<AuditAnchor> &anchor)
{
    using Outcome = std::pair<VerifyReport, std::optional<AnchorCheck>>;
    if (m_verifyCancel)
        return; // one verification at a time
    const CancelToken token;
    m_verifyCancel = token;
    m_verifyAction->setEnabled(false);
    m_verifyAnchorAction->setEnabled(false);
    emit statusMessage(tr("Verifying the audit log…"));
    const QLocale locale;
    auto counter = std::make_shared<ProgressCounter>();
    QProgressDialog *progress = startProgress(
        this, tr("Verify"),
        [locale](qint64 done, qint64 total) {
            return total >= 0
                ? tr("Checking the hash chain: %1 of %2 events…").arg(locale.toString(done), locale.toString(total))
                : tr("Checking the hash chain…");
        },
        token, counter);
    m_session->background()->post<Outcome>(
        this,
        [token, counter, anchor](Database &db) -> Result<Outcome> {
            if (auto total = AuditLog(db).count())
                counter->total.store(*total);
            auto report = Verifier(db).verify([token, counter](qint64 checked) {
                counter->done.store(checked);
                return !token.isCancelled();
            });
            if (!report)
                return report.error();
            if (!anchor)
                return Outcome{*report, std::nullopt};
            auto checked = AuditAnchorCheck(db).check(*anchor);
            if (!checked)
                return checked.error();
            return Outcome{*report, *checked};
        },
        [this, progress](const Result<Outcome> &outcome) {
            finishProgress(progress);
            m_verifyCancel.reset();
            m_verifyAction->setEnabled(true);
            m_verifyAnchorAction->setEnabled(true);
            onVerified(outcome);
        });
}

void AuditLogView::onVerified(const Result<std::pair<VerifyReport, std::optional<AnchorCheck>>> &outcome)
{
    if (!outcome) {
        const Error &error = outcome.error();
        if (error.kind == Error::Kind::Cancelled) {
            emit statusMessage(error.message);
            return;
        }
        MessageBox::critical(this, tr("Verify"),
                             tr("The audit log could not be verified; nothing was changed.\n\n%1").arg(error.message));
        emit statusMessage(tr("Verification failed"));
        return;
    }
    const VerifyReport &report = outcome->first;
    const std::optional<AnchorCheck> &anchor = outcome->second;
    m_result->showReport(report, anchor);
    m_delegate->setBrokenSeq(report.brokenSeq);
    m_table->viewport()->update();
    emit statusMessage(VerifyResultPanel::summarize(report, anchor));
}

void AuditLogView::repairTotals()
{
    const QList<Drift> drift = m_result->report().drift;
    if (drift.isEmpty() || m_repairing)
        return;
    const QLocale locale;
    QStringList listed;
    for (const Drift &d : drift) {
        if (listed.size() == 5) {
            listed << tr("… and %1 more").arg(locale.toString(qint64(drift.size() - 5)));
            break;
        }
        listed << tr("%1: %2 → %3").arg(d.userId, locale.toString(d.cached), locale.toString(d.sum));
    }
    const auto answer = MessageBox::question(
        this, tr("Repair totals"),
        (drift.size() == 1 ? tr("Set the cached total of 1 user to the sum of their transactions?")
                           : tr("Set the cached totals of %1 users to the sums of their transactions?")
                                 .arg(locale.toString(qint64(drift.size()))))
            + QStringLiteral("\n\n") + listed.join(QLatin1Char('\n')) + QStringLiteral("\n\n")
            + tr("Each change is recorded in the audit log as \"repair\"; no transaction is changed."));
    if (answer != QMessageBox::Yes)
        return;
    m_repairing = true;
    m_result->setRepairing(true);
    emit statusMessage(tr("Repairing totals…"));
    m_session->background()->post<RecalcSummary>(
        this, [](Database &db) { return Verifier(db).repair(); },
        [this](const Result<RecalcSummary> &summary) {
            m_repairing = false;
            m_result->setRepairing(false);
            if (!summary) {
                MessageBox::critical(
                    this, tr("Repair totals"),
                    tr("The totals were not repaired; nothing was changed.\n\n%1").arg(summary.error().message));
                return;
            }
            QStringList userIds;
            for (const Drift &fixed : summary->fixed)
                userIds << fixed.userId;
            emit statusMessage(summary->fixed.size() == 1
                                   ? tr("Repaired the total of 1 user")
                                   : tr("Repaired the totals of %1 users").arg(summary->fixed.size()));
            m_session->announceChange(userIds);
            verify();
        });
}

void AuditLogView::exportCsv()
{
    if (m_exportCancel)
        return;
    const QString fileName = FileDialog::getSaveFileName(
        this, tr("Export audit log"),
        QStringLiteral("audit-log-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)),
        tr("CSV files (*.csv);;All files (*)"), QStringLiteral("audit-export"));
    if (fileName.isEmpty())
        return;
    const CancelToken token;
    m_exportCancel = token;
    m_exportAction->setEnabled(false);
    const QLocale locale;
    auto counter = std::make_shared<ProgressCounter>();
    QProgressDialog *progress = startProgress(
        this, tr("Export CSV"),
        [locale](qint64 done, qint64 total) {
            return total >= 0 ? tr("Writing %1 of %2 events…").arg(locale.toString(done), locale.toString(total))
                              : tr("Counting the events…");
        },
        token, counter);
    emit statusMessage(tr("Exporting the audit log…"));
    m_session->background()->post<qint64>(
        this,
        [filter = m_model->filter(), fileName, token, counter](Database &db) {
            return AuditCsvExport(db).write(filter, fileName, [token, counter](qint64 written, qint64 total) {
                counter->total.store(total);
                counter->done.store(written);
                return !token.isCancelled();
            });
        },
        [this, progress, fileName](const Result<qint64> &written) {
            finishProgress(progress);
            m_exportCancel.reset();
            m_exportAction->setEnabled(true);
            if (!written) {
                if (written.error().kind == Error::Kind::Cancelled) {
                    emit statusMessage(written.error().message);
                    return;
                }
                MessageBox::critical(this, tr("Export CSV"), written.error().message);
                return;
            }
            emit statusMessage(tr("Exported %1 events to %2").arg(QLocale().toString(*written), fileName));
        });
}

void AuditLogView::saveAnchor()
{
    const QString fileName = FileDialog::getSaveFileName(
        this, tr("Save audit anchor"),
        QStringLiteral("audit-anchor-%1.json").arg(QDate::currentDate().toString(Qt::ISODate)),
        tr("Audit anchors (*.json);;All files (*)"), QStringLiteral("audit-anchor"));
    if (fileName.isEmpty())
        return;
    m_saveAnchorAction->setEnabled(false);
    m_session->background()->post<AuditAnchor>(
        this,
        [fileName](Database &db) -> Result<AuditAnchor> {
            auto anchor = AuditAnchor::take(db);
            if (!anchor)
                return anchor.error();
            if (const Status saved = anchor->save(fileName); !saved)
                return saved.error();
            return anchor;
        },
        [this, fileName](const Result<AuditAnchor> &anchor) {
            m_saveAnchorAction->setEnabled(true);
            if (!anchor) {
                MessageBox::critical(this, tr("Save anchor"), anchor.error().message);
                return;
            }
            emit statusMessage(anchor->seq == 0 ? tr("Anchored the empty audit log in %1").arg(fileName)
                                                : tr("Anchored event %1 in %2; keep the file away from the database")
                                                      .arg(QString::number(anchor->seq), fileName));
        });
}

void AuditLogView::auditReport()
{
    if (m_reportCancel)
        return;
    AuditReportDialog dialog(this);
    dialog.setUserId(m_filterBar->filter().userId);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AuditReportRequest request = dialog.request();
    const QString suffix = dialog.suffix();
    const QString fileName = FileDialog::getSaveFileName(
        this, tr("Save audit report"),
        QStringLiteral("audit-report-%1-%2.%3")
            .arg(QString(request.userId)
                     .replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_")),
                 QDate::currentDate().toString(Qt::ISODate), suffix),
        suffix == QLatin1String("csv") ? tr("CSV files (*.csv)") : tr("PDF files (*.pdf)"),
        QStringLiteral("audit-report"));
    if (fileName.isEmpty())
        return;
    writeReport(request, fileName);
}

void AuditLogView::writeReport(const AuditReportRequest &request, const QString &fileName)
{
    if (m_reportCancel)
        return;
    const bool csv = fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    const CancelToken token;
    m_reportCancel = token;
    m_reportAction->setEnabled(false);
    const QLocale locale;
    auto counter = std::make_shared<ProgressCounter>();
    QProgressDialog *progress = startProgress(
        this, tr("Audit report"),
        [locale](qint64 done, qint64 total) {
            return total >= 0 ? tr("Writing %1 of %2 events…").arg(locale.toString(done), locale.toString(total))
                              : tr("Counting the events…");
        },
        token, counter);
    emit statusMessage(tr("Writing the audit report…"));
    m_session->background()->post<qint64>(
        this,
        [request, fileName, csv, token, counter](Database &db) -> Result<qint64> {
            std::unique_ptr<AuditReportWriter> writer;
            if (csv)
                writer = std::make_unique<AuditReportCsv>(fileName);
            else
                writer = std::make_unique<AuditReportPdf>(fileName);
            return AuditReport(db).write(request, *writer, [token, counter](qint64 written, qint64 total) {
                counter->total.store(total);
                counter->done.store(written);
                return !token.isCancelled();
            });
        },
        [this, progress, fileName](const Result<qint64> &written) {
            finishProgress(progress);
            m_reportCancel.reset();
            m_reportAction->setEnabled(true);
            if (!written) {
                emit reportFinished(-1);
                if (written.error().kind == Error::Kind::Cancelled) {
                    emit statusMessage(written.error().message);
                    return;
                }
                MessageBox::critical(this, tr("Audit report"), written.error().message);
                return;
            }
            emit statusMessage(tr("Wrote %1 events to %2").arg(QLocale().toString(*written), fileName));
            emit reportFinished(*written);
        });
}

QByteArray AuditLogView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << StateMagic << StateVersion << m_splitter->saveState() << m_detail->saveState()
        << m_table->horizontalHeader()->saveState();
    return state;
}

bool AuditLogView::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    quint32 version = 0;
    QByteArray splitter;
    QByteArray detail;
    QByteArray header;
    in >> magic >> version >> splitter >> detail >> header;
    if (in.status() != QDataStream::Ok || magic != StateMagic || version != StateVersion)
        return false;
    const bool splitterRestored = m_splitter->restoreState(splitter);
    const bool detailRestored = m_detail->restoreState(detail);
    const bool headerRestored = m_table->horizontalHeader()->restoreState(header);
    return splitterRestored && detailRestored && headerRestored;
}
