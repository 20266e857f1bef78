#include "ui/audit/AuditEventDetail.h"

#include "models/AuditModel.h"
#include "ui/audit/AuditItemDelegate.h"

#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace {

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QFormLayout *compactForm()
{
    auto *form = new QFormLayout; // owned by the layout or widget it is added to
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setHorizontalSpacing(10);
    form->setVerticalSpacing(2);
    return form;
}

} // namespace

AuditEventDetail::AuditEventDetail(QWidget *parent)
    : QWidget(parent),
      m_stack(new QStackedWidget(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_fields(new QWidget(this)),
      m_title(new QLabel(m_fields)),
      m_snapshot(new QPlainTextEdit(this))
{
    auto *hint = new QLabel(tr("Select an event to see every field, its snapshot and its hashes."), m_stack);
    hint->setAlignment(Qt::AlignCenter);
    hint->setEnabled(false);
    m_stack->addWidget(hint);

    auto *page = new QWidget(m_stack);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(2);
    m_splitter->setParent(page);
    pageLayout->addWidget(m_splitter, 1);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("auditDetailTitle"));
    QFormLayout *form = compactForm();
    auto *fieldsLayout = new QVBoxLayout(m_fields);
    fieldsLayout->setContentsMargins(6, 4, 6, 4);
    fieldsLayout->setSpacing(4);
    fieldsLayout->addWidget(m_title);
    fieldsLayout->addLayout(form);
    fieldsLayout->addStretch();

    auto *hashes = new QWidget(page);
    QFormLayout *hashForm = compactForm();
    hashForm->setContentsMargins(6, 2, 6, 4);
    hashes->setLayout(hashForm);
    pageLayout->addWidget(hashes);

    auto add = [](QFormLayout *to, QWidget *owner, const QString &name, bool monospace) {
        auto *value = new QLabel(owner);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setTextFormat(Qt::PlainText);
        value->setWordWrap(!monospace);
        if (monospace)
            value->setFont(AuditItemDelegate::monospaceFont(value->font()));
        auto *label = new QLabel(name, owner);
        label->setEnabled(false); // dimmed: the names recede, the values stand out
        to->addRow(label, value);
        return value;
    };
    m_seqValue = add(form, m_fields, tr("Seq"), true);
    m_when = add(form, m_fields, tr("When"), false);
    m_whenUtc = add(form, m_fields, tr("UTC"), false);
    m_actor = add(form, m_fields, tr("Actor"), false);
    m_operator = add(form, m_fields, tr("Operator"), false);
    m_action = add(form, m_fields, tr("Action"), false);
    m_operation = add(form, m_fields, tr("Operation"), true);
    m_user = add(form, m_fields, tr("User"), true);
    m_transaction = add(form, m_fields, tr("Transaction"), true);
    m_amount = add(form, m_fields, tr("Amount"), true);
    m_reason = add(form, m_fields, tr("Reason"), false);
    m_prevHash = add(hashForm, hashes, tr("Prev hash"), true);
    m_hash = add(hashForm, hashes, tr("Hash"), true);
    m_seqValue->setObjectName(QStringLiteral("auditDetailSeq"));
    m_reason->setObjectName(QStringLiteral("auditDetailReason"));
    m_prevHash->setObjectName(QStringLiteral("auditDetailPrevHash"));
    m_hash->setObjectName(QStringLiteral("auditDetailHash"));
    m_actor->setToolTip(tr("The database login (PostgreSQL) or operating-system user (SQLite)"));
    m_operator->setToolTip(tr("The person named when XP Admin was started"));
    m_operation->setToolTip(tr("Every event of one operation shares this id"));
    m_prevHash->setToolTip(tr("The hash of the event before this one"));
    m_hash->setToolTip(tr("SHA-256 of the previous hash and this event's fields"));

    auto *scroll = new QScrollArea(m_splitter);
    scroll->setWidget(m_fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *snapshotPane = new QWidget(m_splitter);
    auto *snapshotLayout = new QVBoxLayout(snapshotPane);
    snapshotLayout->setContentsMargins(0, 4, 0, 0);
    snapshotLayout->setSpacing(2);
    auto *snapshotTitle = new QLabel(tr("Snapshot"), snapshotPane);
    snapshotTitle->setFont(titleFont);
    snapshotLayout->addWidget(snapshotTitle);
    m_snapshot->setParent(snapshotPane);
    snapshotLayout->addWidget(m_snapshot, 1);
    m_snapshot->setObjectName(QStringLiteral("auditSnapshot"));
    m_snapshot->setReadOnly(true);
    m_snapshot->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snapshot->setFont(AuditItemDelegate::monospaceFont(m_snapshot->font()));
    m_snapshot->setToolTip(tr("The full rows affected, or the totals before and after, as recorded"));
    m_snapshot->setPlaceholderText(tr("No snapshot"));

    m_splitter->addWidget(scroll);
    m_splitter->addWidget(snapshotPane);
    // The fields keep the width their ids need; the snapshot takes the rest.
    const int idWidth = QFontMetrics(m_transaction->font()).horizontalAdvance(QString(26, QLatin1Char('0')));
    const int nameWidth = QFontMetrics(font()).horizontalAdvance(tr("Transaction"));
    scroll->setMinimumWidth(idWidth + nameWidth + 10 + 12 + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_stack->addWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

QString AuditEventDetail::prettySnapshot(const QString &snapshot)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(snapshot.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return snapshot;
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
}

void AuditEventDetail::setEvent(const AuditEvent &event, int selectedCount)
{
    m_seq = event.seq;
    m_title->setText(selectedCount > 1 ? tr("Event %1 (%2 events selected)").arg(event.seq).arg(selectedCount)
                                       : tr("Event %1").arg(event.seq));
    m_seqValue->setText(QString::number(event.seq));
    m_when->setText(event.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    m_whenUtc->setText(event.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    m_actor->setText(orDash(event.actor));
    m_operator->setText(orDash(event.operatorName));
    m_action->setText(orDash(event.action));
    m_operation->setText(orDash(event.operationId));
    m_user->setText(orDash(event.userId));
    m_transaction->setText(orDash(event.xpId));
    m_amount->setText(orDash(AuditModel::amountText(event)));
    m_reason->setText(orDash(event.reason));
    m_prevHash->setText(event.prevHash);
    m_hash->setText(event.hash);
    m_snapshot->setPlainText(prettySnapshot(event.snapshot));
    m_stack->setCurrentIndex(1);
}

void AuditEventDetail::clear()
{
    m_seq = 0;
    m_snapshot->clear();
    m_stack->setCurrentIndex(0);
}

QString AuditEventDetail::snapshotText() const
{
    return m_snapshot->toPlainText();
}

QByteArray AuditEventDetail::saveState() const
{
    return m_splitter->saveState();
}

bool AuditEventDetail::restoreState(const QByteArray &state)
{
    return m_splitter->restoreState(state);
}
