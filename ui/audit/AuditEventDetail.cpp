#include "ui/audit/AuditEventDetail.h"

#include "models/AuditModel.h"
#include "models/AuditText.h"
#include "models/XpFormat.h"
#include "ui/audit/AuditItemDelegate.h"

#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QFormLayout *compactForm()
{
    auto *form = new QFormLayout; // owned by the widget it is set on
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setHorizontalSpacing(10);
    form->setVerticalSpacing(2);
    return form;
}

QLabel *addField(QFormLayout *form, QWidget *owner, const QString &name, bool monospace)
{
    auto *value = new QLabel(owner);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(!monospace);
    if (monospace)
        value->setFont(AuditItemDelegate::monospaceFont(value->font()));
    auto *label = new QLabel(name, owner);
    label->setEnabled(false); // dimmed: the names recede, the values stand out
    form->addRow(label, value);
    return value;
}

} // namespace

AuditEventDetail::AuditEventDetail(QWidget *parent)
    : QWidget(parent),
      m_stack(new QStackedWidget(this)),
      m_technicalToggle(new QToolButton(this)),
      m_snapshot(new QPlainTextEdit(this))
{
    auto *hint = new QLabel(tr("Select an event to see what it changed."), m_stack);
    hint->setAlignment(Qt::AlignCenter);
    hint->setEnabled(false);
    m_stack->addWidget(hint);

    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(6, 4, 6, 4);
    pageLayout->setSpacing(4);

    m_title = new QLabel(page);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("auditDetailTitle"));
    m_title->setTextFormat(Qt::PlainText);
    pageLayout->addWidget(m_title);

    m_effect = new QLabel(page);
    m_effect->setObjectName(QStringLiteral("auditDetailEffect"));
    m_effect->setTextFormat(Qt::PlainText);
    m_effect->setWordWrap(true);
    m_effect->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont effectFont = m_effect->font();
    effectFont.setPointSizeF(effectFont.pointSizeF() * 1.1);
    m_effect->setFont(effectFont);
    pageLayout->addWidget(m_effect);

    QFormLayout *form = compactForm();
    pageLayout->addLayout(form);
    m_when = addField(form, page, tr("When"), false);
    m_actor = addField(form, page, tr("By"), false);
    m_user = addField(form, page, tr("User"), false);
    m_transaction = addField(form, page, tr("Transaction"), true);
    m_amount = addField(form, page, tr("Amount"), false);
    m_reason = addField(form, page, tr("Reason"), false);
    m_reason->setObjectName(QStringLiteral("auditDetailReason"));
    m_reasonCode = addField(form, page, tr("Reason code"), false);
    m_reasonCode->setObjectName(QStringLiteral("auditDetailReasonCode"));
    m_reasonCode->setTextFormat(Qt::RichText);
    m_reasonCode->setOpenExternalLinks(true);
    m_reasonCode->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_form = form;
    m_user->setObjectName(QStringLiteral("auditDetailUser"));

    m_technicalToggle->setParent(page);
    m_technicalToggle->setObjectName(QStringLiteral("auditTechnicalToggle"));
    m_technicalToggle->setText(tr("Technical details"));
    m_technicalToggle->setToolTip(tr("The recorded fields, the hashes that chain the event, and its snapshot"));
    m_technicalToggle->setCheckable(true);
    m_technicalToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_technicalToggle->setArrowType(Qt::RightArrow);
    m_technicalToggle->setAutoRaise(true);
    pageLayout->addWidget(m_technicalToggle);

    m_technical = new QWidget(page);
    m_technical->setObjectName(QStringLiteral("auditTechnicalDetails"));
    auto *technicalLayout = new QVBoxLayout(m_technical);
    technicalLayout->setContentsMargins(12, 0, 0, 0);
    technicalLayout->setSpacing(4);
    QFormLayout *technicalForm = compactForm();
    technicalLayout->addLayout(technicalForm);
    m_seqValue = addField(technicalForm, m_technical, tr("Seq"), true);
    m_whenUtc = addField(technicalForm, m_technical, tr("UTC"), true);
    m_login = addField(technicalForm, m_technical, tr("Login"), false);
    m_operator = addField(technicalForm, m_technical, tr("Operator"), false);
    m_action = addField(technicalForm, m_technical, tr("Action"), true);
    m_operation = addField(technicalForm, m_technical, tr("Operation"), true);
    m_userId = addField(technicalForm, m_technical, tr("User id"), true);
    m_prevHash = addField(technicalForm, m_technical, tr("Prev hash"), true);
    m_hash = addField(technicalForm, m_technical, tr("Hash"), true);
    m_seqValue->setObjectName(QStringLiteral("auditDetailSeq"));
    m_prevHash->setObjectName(QStringLiteral("auditDetailPrevHash"));
    m_hash->setObjectName(QStringLiteral("auditDetailHash"));
    m_login->setToolTip(tr("The database login (PostgreSQL) or operating-system user (SQLite)"));
    m_operator->setToolTip(tr("The person named when XP Admin was started"));
    m_operation->setToolTip(tr("Every event of one operation shares this id"));
    m_prevHash->setToolTip(tr("The hash of the event before this one"));
    m_hash->setToolTip(tr("SHA-256 of the previous hash and this event's fields"));

    m_snapshot->setParent(m_technical);
    m_snapshot->setObjectName(QStringLiteral("auditSnapshot"));
    m_snapshot->setReadOnly(true);
    m_snapshot->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snapshot->setFont(AuditItemDelegate::monospaceFont(m_snapshot->font()));
    m_snapshot->setToolTip(tr("The full rows affected, or the totals before and after, as recorded"));
    m_snapshot->setPlaceholderText(tr("No snapshot"));
    m_snapshot->setMinimumHeight(QFontMetrics(m_snapshot->font()).lineSpacing() * 6);
    technicalLayout->addWidget(m_snapshot, 1);
    pageLayout->addWidget(m_technical, 1);
    pageLayout->addStretch();
    m_technical->setVisible(false);

    connect(m_technicalToggle, &QToolButton::toggled, this, [this](bool expanded) {
        m_technicalToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
        m_technical->setVisible(expanded);
    });

    scroll->setWidget(page);
    m_stack->addWidget(scroll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

QString AuditEventDetail::reasonCodeText(const AuditEvent &event, const ReasonCatalog &catalog)
{
    const auto [code, ticket] = ReasonCatalog::fromSnapshot(event.snapshot);
    QStringList parts;
    if (!code.isEmpty())
        parts << catalog.labelWithCode(code).toHtmlEscaped();
    if (!ticket.isEmpty()) {
        const QString link = catalog.ticketLink(ticket);
        parts << tr("ticket %1")
                     .arg(link.isEmpty() ? ticket.toHtmlEscaped()
                                         : QStringLiteral("<a href=\"%1\">%2</a>")
                                               .arg(link.toHtmlEscaped(), ticket.toHtmlEscaped()));
    }
    return parts.join(QStringLiteral(" · "));
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
    const QString action = AuditText::actionLabel(event.action);
    m_title->setText(selectedCount > 1
                         ? tr("Event %1: %2 (%3 events selected)").arg(event.seq).arg(action).arg(selectedCount)
                         : tr("Event %1: %2").arg(event.seq).arg(action));
    m_effect->setText(AuditText::effect(event));
    m_when->setText(XpFormat::localTime(event.at));
    m_when->setToolTip(XpFormat::utcTime(event.at));
    m_actor->setText(orDash(AuditText::actor(event)));
    m_actor->setToolTip(tr("Database or system login: %1").arg(event.actor));
    m_user->setText(orDash(AuditText::user(event)));
    m_user->setToolTip(event.userId.isEmpty() ? QString() : tr("id %1").arg(event.userId));
    m_transaction->setText(orDash(event.xpId));
    m_amount->setText(orDash(AuditModel::amountText(event)));
    m_reason->setText(orDash(event.reason));
    const QString reasonCode = reasonCodeText(event, m_reasons);
    m_reasonCode->setText(reasonCode);
    m_form->setRowVisible(m_reasonCode, !reasonCode.isEmpty());

    m_seqValue->setText(QString::number(event.seq));
    m_whenUtc->setText(XpFormat::utcTime(event.at));
    m_login->setText(orDash(event.actor));
    m_operator->setText(orDash(event.operatorName));
    m_action->setText(orDash(event.action));
    m_operation->setText(orDash(event.operationId));
    m_userId->setText(orDash(event.userId));
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

QString AuditEventDetail::effectText() const
{
    return m_effect->text();
}

QString AuditEventDetail::snapshotText() const
{
    return m_snapshot->toPlainText();
}

bool AuditEventDetail::isTechnicalExpanded() const
{
    return m_technicalToggle->isChecked();
}

void AuditEventDetail::setTechnicalExpanded(bool expanded)
{
    m_technicalToggle->setChecked(expanded);
}

QByteArray AuditEventDetail::saveState() const
{
    return isTechnicalExpanded() ? QByteArrayLiteral("technical=1") : QByteArrayLiteral("technical=0");
}

bool AuditEventDetail::restoreState(const QByteArray &state)
{
    if (state != "technical=1" && state != "technical=0")
        return false;
    setTechnicalExpanded(state == "technical=1");
    return true;
}
