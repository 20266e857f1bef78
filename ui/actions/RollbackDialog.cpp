#include "ui/actions/RollbackDialog.h"

#include "core/preview/PreviewJobs.h"
#include "core/session/LedgerSession.h"
#include "models/TransactionListModel.h"
#include "models/UserEffectModel.h"
#include "models/XpFormat.h"
#include "ui/actions/ActionText.h"
#include "ui/actions/CompactTable.h"
#include "ui/actions/ReasonField.h"
#include "ui/common/InlineMessage.h"

#include <QFormLayout>
#include <QHash>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSet>
#include <QVBoxLayout>

namespace {

QList<XpTransaction> distinct(const QList<XpTransaction> &rows)
{
    QList<XpTransaction> unique;
    QSet<QString> seen;
    for (const XpTransaction &row : rows) {
        if (!seen.contains(row.id)) {
            seen.insert(row.id);
            unique << row;
        }
    }
    return unique;
}

} // namespace

RollbackDialog::RollbackDialog(LedgerSession *session, const QList<XpTransaction> &rows, QWidget *parent)
    : ActionDialog(session, parent),
      m_rows(distinct(rows)),
      m_rowModel(new TransactionListModel(this)),
      m_effectModel(new UserEffectModel(this))
{
    setObjectName(QStringLiteral("RollbackDialog"));
    const QString title = tr("Roll back %1").arg(ActionText::transactions(m_rows.size()));
    setHeading(title,
               tr("These transactions are deleted from the ledger, and the users' totals change as shown. "
                  "The audit log keeps every one of them in full: they can be restored later."));
    setConfirmText(title);

    m_rowModel->setTransactions(m_rows);
    m_rowTable = CompactTable::forTransactions(m_rowModel, 6, this);
    m_rowTable->setObjectName(QStringLiteral("transactionTable"));
    m_rowTable->setColumnHidden(TransactionListModel::Category, true);
    contentLayout()->addWidget(sectionLabel(tr("Transactions")));
    contentLayout()->addWidget(m_rowTable);

    m_effectTable = CompactTable::forEffects(m_effectModel, 4, this);
    m_effectTable->setObjectName(QStringLiteral("effectTable"));
    contentLayout()->addWidget(sectionLabel(tr("Effect on each user's total")));
    contentLayout()->addWidget(m_effectTable);

    m_status = new InlineMessage(this);
    m_status->setObjectName(QStringLiteral("effectMessage"));
    contentLayout()->addWidget(m_status);

    m_reason = new ReasonField(this);
    auto *form = new QFormLayout;
    auto *reasonLabel = sectionLabel(tr("&Reason:"));
    reasonLabel->setBuddy(m_reason->editor());
    form->addRow(reasonLabel, m_reason);
    contentLayout()->addLayout(form);

    connect(m_reason, &ReasonField::changed, this, &RollbackDialog::refresh);
    connect(session, &LedgerSession::ledgerChanged, this, [this] {
        if (isVisible() && !isSubmitting())
            loadEffect();
    });
    setMinimumWidth(720);
    m_reason->setFocus();
    refresh();
    loadEffect();
}

QString RollbackDialog::reason() const
{
    return m_reason->text();
}

void RollbackDialog::loadEffect()
{
    const quint64 generation = ++m_generation;
    QStringList ids;
    for (const XpTransaction &row : std::as_const(m_rows))
        ids << row.id;
    session()->interactive()->post<EffectQuery::Removal>(
        this, PreviewJobs::ofRemoving(ids), [this, generation](const Result<EffectQuery::Removal> &removal) {
            if (generation != m_generation)
                return;
            m_effectKnown = removal.ok();
            m_loadError = removal ? QString() : removal.error().message;
            m_missing = removal ? removal->missing : 0;
            m_effectModel->setEffects(removal ? removal->users : QList<UserEffect>());
            QHash<QString, QString> labels;
            for (const UserEffect &effect : m_effectModel->effects())
                labels.insert(effect.userId, XpFormat::user(effect.userId, effect.name, effect.email));
            m_rowModel->setUserLabels(labels);
            m_effectTable->updateGeometry();
            refresh();
        });
}

void RollbackDialog::refresh()
{
    const int negative = m_effectModel->negativeCount();
    const int overflow = m_effectModel->overflowCount();
    if (!m_loadError.isEmpty()) {
        m_status->showMessage(InlineMessage::Kind::Error,
                              tr("The current totals could not be read: %1").arg(m_loadError));
    } else if (!m_effectKnown) {
        m_status->showMessage(InlineMessage::Kind::Info, tr("Reading the users' current totals…"));
    } else if (m_missing > 0) {
        m_status->showMessage(InlineMessage::Kind::Error,
                              tr("%n of these transactions are no longer in the ledger: someone rolled them back "
                                 "already. Close this dialog, refresh the history and select again.",
                                 nullptr, static_cast<int>(m_missing)));
    } else if (overflow > 0) {
        m_status->showMessage(InlineMessage::Kind::Error,
                              tr("This would take a total past the limit of what the ledger can hold; it cannot be "
                                 "rolled back as selected."));
    } else if (negative > 0) {
        m_status->showMessage(
            InlineMessage::Kind::Warning,
            tr("After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it "
               "is what you mean.",
               nullptr, static_cast<int>(negative)));
    } else {
        m_status->clear();
    }
    const QString title = tr("Roll back %1").arg(ActionText::transactions(m_rows.size()));
    setConfirmText(negative > 0 ? tr("Roll back anyway") : title);
    setConfirmable(m_effectKnown && m_missing == 0 && overflow == 0 && !m_rows.isEmpty() && m_reason->isValid());
}

void RollbackDialog::confirm()
{
    m_reason->revealError();
    refresh();
    if (!m_reason->isValid())
        return;
    clearError();
    QStringList ids;
    for (const XpTransaction &row : std::as_const(m_rows))
        ids << row.id;
    const QString reason = m_reason->text();
    submit([ids, reason](Ledger &ledger) { return ledger.rollback(ids, reason); }, tr("The rollback was not saved"));
}
