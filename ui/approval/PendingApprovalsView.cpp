#include "ui/approval/PendingApprovalsView.h"

#include "core/approval/ApprovalJobs.h"
#include "core/approval/ApprovalPolicy.h"
#include "core/domain/Validation.h"
#include "core/ledger/ApprovalGate.h"
#include "core/session/LedgerSession.h"
#include "models/PendingModel.h"
#include "models/XpFormat.h"
#include "ui/actions/ActionText.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/MessageBox.h"
#include "ui/common/RefusedControl.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

PendingApprovalsView::PendingApprovalsView(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(new PendingModel(session, this)),
      m_summary(new QLabel(this)),
      m_thresholdOn(new QCheckBox(tr("Adjustments &above"), this)),
      m_threshold(new QSpinBox(this)),
      m_applyThreshold(new QPushButton(tr("Apply"), this)),
      m_table(new QTableView(this)),
      m_reason(new QLineEdit(this)),
      m_approve(new QPushButton(tr("A&pprove"), this)),
      m_reject(new QPushButton(tr("Re&ject"), this)),
      m_refresh(new QPushButton(tr("Refresh"), this)),
      m_message(new InlineMessage(this))
{
    setObjectName(QStringLiteral("PendingApprovalsView"));
    m_summary->setObjectName(QStringLiteral("pendingSummary"));
    m_summary->setWordWrap(true);

    m_thresholdOn->setObjectName(QStringLiteral("thresholdEnabled"));
    m_threshold->setObjectName(QStringLiteral("thresholdSpin"));
    m_threshold->setRange(0, std::numeric_limits<qint32>::max());
    m_threshold->setSingleStep(100);
    m_threshold->setGroupSeparatorShown(true);
    m_threshold->setSuffix(tr(" XP"));
    m_applyThreshold->setObjectName(QStringLiteral("applyThresholdButton"));
    auto *thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_thresholdOn);
    thresholdRow->addWidget(m_threshold);
    thresholdRow->addWidget(new QLabel(tr("need a second person's approval"), this));
    thresholdRow->addWidget(m_applyThreshold);
    thresholdRow->addStretch(1);

    m_table->setObjectName(QStringLiteral("pendingTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(PendingModel::Reason, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(PendingModel::ReasonCode, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    // Widths for what the columns hold, as the other tables write it; the reason and its code
    // share the rest.
    const QFontMetrics text(m_table->font());
    const int pad = 16;
    const QDateTime sample(QDate(2026, 12, 28), QTime(23, 59, 59));
    m_table->setColumnWidth(PendingModel::RequestedAt,
                            text.horizontalAdvance(XpFormat::localTime(sample.toUTC())) + pad);
    m_table->setColumnWidth(PendingModel::User, text.horizontalAdvance(QStringLiteral("Maximilian Muster")) + pad);
    m_table->setColumnWidth(PendingModel::Amount, text.horizontalAdvance(XpFormat::signedAmount(-1000000)) + pad);
    // Held because: its longest text, or its header (bold in some styles) when that is longer.
    int heldFor = QFontMetrics(m_table->horizontalHeader()->font())
                      .horizontalAdvance(m_model->headerData(PendingModel::HeldFor, Qt::Horizontal).toString());
    for (const HoldReason reason : {HoldReason::Threshold, HoldReason::LimitPerChange, HoldReason::LimitPerDay})
        heldFor = std::max(heldFor, text.horizontalAdvance(PendingModel::heldFor(reason)));
    m_table->setColumnWidth(PendingModel::HeldFor, heldFor + pad);
    m_table->setColumnWidth(PendingModel::RequestedBy, text.horizontalAdvance(QStringLiteral("Maria (support)")) + pad);

    m_reason->setObjectName(QStringLiteral("decisionReasonEdit"));
    m_reason->setPlaceholderText(tr("Reason for the decision (required to reject)"));
    m_reason->setMaxLength(Validation::MaxReasonLength);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_refresh->setToolTip(tr("Read the queue again"));
    auto *decisionRow = new QHBoxLayout;
    decisionRow->addWidget(m_reason, 1);
    decisionRow->addWidget(m_approve);
    decisionRow->addWidget(m_reject);
    decisionRow->addWidget(m_refresh);

    m_message->setObjectName(QStringLiteral("approvalMessage"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(thresholdRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(decisionRow);
    layout->addWidget(m_message);

    connect(m_approve, &QPushButton::clicked, this, &PendingApprovalsView::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &PendingApprovalsView::rejectSelected);
    connect(m_refresh, &QPushButton::clicked, this, &PendingApprovalsView::refresh);
    connect(m_applyThreshold, &QPushButton::clicked, this, &PendingApprovalsView::applyThreshold);
    connect(m_thresholdOn, &QCheckBox::toggled, this, &PendingApprovalsView::updateButtons);
    connect(m_reason, &QLineEdit::textChanged, this, &PendingApprovalsView::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PendingApprovalsView::updateButtons);
    connect(m_model, &PendingModel::loaded, this, [this] {
        updateSummary();
        updateButtons();
        emit countChanged(m_model->rowCount());
    });
    connect(m_model, &PendingModel::loadFailed, this, [this](const QString &text) {
        m_message->showMessage(InlineMessage::Kind::Error, tr("The queue could not be read: %1").arg(text));
    });

    updateSummary();
    updateButtons();
    refresh();
}

void PendingApprovalsView::refresh()
{
    m_model->reload();
    loadThreshold();
}

void PendingApprovalsView::loadThreshold()
{
    m_session->interactive()->post<std::optional<qint64>>(
        this, ApprovalJobs::threshold(), [this](const Result<std::optional<qint64>> &threshold) {
            if (!threshold) {
                m_message->showMessage(
                    InlineMessage::Kind::Error,
                    tr("The approval threshold could not be read: %1").arg(threshold.error().message));
                return;
            }
            m_thresholdOn->setChecked(threshold->has_value());
            m_threshold->setValue(static_cast<int>(threshold->value_or(ApprovalGate::DefaultThreshold)));
        });
}

std::optional<PendingAdjustment> PendingApprovalsView::selectedRequest() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->request(rows.constFirst().row());
}

bool PendingApprovalsView::isOwn(const PendingAdjustment &request) const
{
    return ApprovalPolicy::isRequester(request, m_session->actor(), m_session->operatorName(),
                                       m_session->spec().backend == ConnectionSpec::Backend::Postgres);
}

void PendingApprovalsView::updateSummary()
{
    const int count = m_model->rowCount();
    m_summary->setText(count == 0 ? tr("No adjustments are waiting for approval.")
                                  : tr("%n adjustment(s) waiting for a second person's approval. Select one to "
                                       "approve (it is applied at once) or reject it.",
                                       nullptr, count));
}

void PendingApprovalsView::updateButtons()
{
    const auto request = selectedRequest();
    const bool idle = m_busy == 0;
    const bool own = request && isOwn(*request);
    RefusedControl::apply(m_approve, idle && request && !own, m_decideRefusal,
                          own ? tr("You asked for this adjustment yourself: another admin must approve it")
                              : tr("Approve the selected request: the adjustment is applied at once"));
    RefusedControl::apply(m_reject, idle && request.has_value(), m_decideRefusal,
                          tr("Reject the selected request: no XP changes; a reason is required"));
    RefusedControl::apply(m_thresholdOn, idle, m_configureRefusal,
                          tr("Off: every adjustment is applied at once, without a second person"));
    RefusedControl::apply(m_threshold, idle && m_thresholdOn->isChecked(), m_configureRefusal,
                          tr("An adjustment whose amount, up or down, is above this waits for another admin"));
    RefusedControl::apply(m_applyThreshold, idle, m_configureRefusal,
                          tr("Store the threshold in the database, for every desk"));
    m_refresh->setEnabled(idle);
}

void PendingApprovalsView::setRefusals(const QString &decide, const QString &configure)
{
    m_decideRefusal = decide;
    m_configureRefusal = configure;
    updateButtons();
}

void PendingApprovalsView::beginBusy()
{
    ++m_busy;
    updateButtons();
}

void PendingApprovalsView::endBusy()
{
    --m_busy;
    updateButtons();
}

void PendingApprovalsView::showFailure(const QString &what, const Error &error)
{
    const QString text = ActionText::failure(what, error);
    m_message->showMessage(InlineMessage::Kind::Error, text);
    emit statusMessage(text);
    MessageBox::warning(this, tr("Pending Approvals"), text);
}

void PendingApprovalsView::approveSelected()
{
    const auto request = selectedRequest();
    if (!request || m_busy > 0 || !m_decideRefusal.isEmpty())
        return;
    if (isOwn(*request)) {
        m_message->showMessage(InlineMessage::Kind::Error,
                               tr("You asked for this adjustment yourself: another admin must approve it. You can "
                                  "reject it to withdraw it."));
        return;
    }
    const QString user = XpFormat::user(request->userId, request->userName, request->userEmail);
    const QString question
        = tr("Approve the adjustment of %1 XP for %2, asked for by %3?\n\nReason: %4\n\nIt is "
             "applied at once and the user's total changes.")
              .arg(XpFormat::signedAmount(request->amount), user, request->requestedOperator, request->reason);
    if (MessageBox::question(this, tr("Approve Adjustment"), question) != QMessageBox::Yes)
        return;
    beginBusy();
    m_message->showMessage(InlineMessage::Kind::Info, tr("Approving…"));
    const QString id = request->id;
    const QString reason = m_reason->text().trimmed();
    m_session->interactive()->post<ApprovalQueue::Approval>(
        this, ApprovalJobs::approve(id, reason), [this, user](const Result<ApprovalQueue::Approval> &approval) {
            endBusy();
            if (!approval) {
                showFailure(tr("The adjustment was not approved"), approval.error());
                refresh(); // someone may have decided it meanwhile
                return;
            }
            m_reason->clear();
            const PendingAdjustment &request = approval->request;
            const QString text = tr("Approved and applied: %1 XP for %2. New total: %3")
                                     .arg(XpFormat::signedAmount(request.amount), user,
                                          XpFormat::total(approval->change.totals.value(request.userId)));
            m_message->showMessage(InlineMessage::Kind::Info, text);
            emit statusMessage(text);
            m_session->announceChange({request.userId}); // every view reloads, this queue too
        });
}

void PendingApprovalsView::rejectSelected()
{
    const auto request = selectedRequest();
    if (!request || m_busy > 0 || !m_decideRefusal.isEmpty())
        return;
    const QString reason = m_reason->text().trimmed();
    if (reason.isEmpty()) {
        m_message->showMessage(InlineMessage::Kind::Error,
                               tr("Type the reason for rejecting the request first: it is kept in the audit log."));
        m_reason->setFocus();
        return;
    }
    const QString user = XpFormat::user(request->userId, request->userName, request->userEmail);
    beginBusy();
    m_message->showMessage(InlineMessage::Kind::Info, tr("Rejecting…"));
    const QString id = request->id;
    m_session->interactive()->post<PendingAdjustment>(
        this, ApprovalJobs::reject(id, reason), [this, user](const Result<PendingAdjustment> &rejected) {
            endBusy();
            if (!rejected) {
                showFailure(tr("The request was not rejected"), rejected.error());
                refresh();
                return;
            }
            m_reason->clear();
            const QString text
                = tr("Rejected: %1 XP for %2 was not applied.").arg(XpFormat::signedAmount(rejected->amount), user);
            m_message->showMessage(InlineMessage::Kind::Info, text);
            emit statusMessage(text);
            m_session->announceChange({rejected->userId});
        });
}

void PendingApprovalsView::applyThreshold()
{
    if (m_busy > 0 || !m_configureRefusal.isEmpty())
        return;
    const std::optional<qint64> threshold
        = m_thresholdOn->isChecked() ? std::optional<qint64>(m_threshold->value()) : std::nullopt;
    beginBusy();
    m_session->interactive()->post<std::optional<qint64>>(
        this, ApprovalJobs::setThreshold(threshold), [this](const Result<std::optional<qint64>> &stored) {
            endBusy();
            if (!stored) {
                showFailure(tr("The approval threshold was not changed"), stored.error());
                loadThreshold();
                return;
            }
            const QString text = stored->has_value()
                ? tr("Adjustments above %1 XP now wait for a second person's approval.").arg(XpFormat::total(**stored))
                : tr("Approval is off: every adjustment is applied at once.");
            m_message->showMessage(InlineMessage::Kind::Info, text);
            emit statusMessage(text);
        });
}
