#include "ui/reasons/ReasonCodeFields.h"

#include "core/reasons/ReasonCheck.h"
#include "ui/common/FieldNote.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace {

QWidget *withNote(QWidget *field, FieldNote *note, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(note);
    return box;
}

} // namespace

ReasonCodeFields::ReasonCodeFields(QFormLayout *form, QWidget *parent) : QObject(parent), m_form(form)
{
    m_code = new QComboBox(parent);
    m_code->setObjectName(QStringLiteral("reasonCodeCombo"));
    m_code->setToolTip(tr("Why the XP is changed, from the reason codes an admin keeps (Ledger > Reason Codes)"));
    m_codeNote = new FieldNote(parent);
    m_codeNote->setObjectName(QStringLiteral("reasonCodeNote"));
    m_codeLabel = new QLabel(tr("Reason c&ode:"), parent);
    m_codeLabel->setBuddy(m_code);
    m_codeBox = withNote(m_code, m_codeNote, parent);
    form->addRow(m_codeLabel, m_codeBox);

    m_ticket = new QLineEdit(parent);
    m_ticket->setObjectName(QStringLiteral("ticketEdit"));
    m_ticket->setPlaceholderText(tr("e.g. ZD-4411, or a link"));
    m_ticket->setToolTip(tr("The support ticket this change answers: its id, or its address"));
    m_ticket->setMaxLength(ReasonCheck::MaxTicketUrlLength + 10);
    m_ticketNote = new FieldNote(parent);
    m_ticketNote->setObjectName(QStringLiteral("ticketNote"));
    auto *ticketLabel = new QLabel(tr("T&icket:"), parent);
    ticketLabel->setBuddy(m_ticket);
    form->addRow(ticketLabel, withNote(m_ticket, m_ticketNote, parent));

    connect(m_code, &QComboBox::currentIndexChanged, this, [this] {
        m_touched = true;
        refresh();
        emit changed();
    });
    connect(m_ticket, &QLineEdit::textEdited, this, [this] {
        m_touched = true;
        refresh();
        emit changed();
    });
    // Hidden until the codes are read and there are any.
    m_form->setRowVisible(m_codeBox, false);
    refresh();
}

void ReasonCodeFields::setCatalog(const ReasonCatalog &catalog)
{
    const QString chosen = m_code->currentData().toString();
    m_catalog = catalog;
    const QSignalBlocker blocker(m_code);
    m_code->clear();
    const QList<ReasonCode> active = catalog.activeCodes();
    m_code->addItem(tr("Choose a reason…"), QString());
    for (const ReasonCode &code : active) {
        m_code->addItem(code.label, code.code);
        m_code->setItemData(m_code->count() - 1,
                            code.ticketRequired ? tr("%1 · a ticket is required").arg(code.code) : code.code,
                            Qt::ToolTipRole);
    }
    m_code->setCurrentIndex(std::max(0, m_code->findData(chosen)));
    m_form->setRowVisible(m_codeBox, !active.isEmpty());
    refresh();
    emit changed();
}

ReasonTag ReasonCodeFields::tag() const
{
    return {m_code->currentData().toString(), m_ticket->text().trimmed()};
}

QString ReasonCodeFields::codeError() const
{
    if (!m_catalog || !m_catalog->hasActiveCodes() || !m_code->currentData().toString().isEmpty())
        return {};
    return tr("Choose the reason code: every manual change takes one.");
}

QString ReasonCodeFields::ticketError() const
{
    auto ticket = ReasonCheck::ticket(tr("The ticket"), m_ticket->text());
    if (!ticket)
        return ticket.error().message;
    if (!ticket->isEmpty() || !m_catalog)
        return {};
    const ReasonCode *code = m_catalog->find(m_code->currentData().toString());
    if (code && code->ticketRequired)
        return tr("%1 needs a ticket: give its id or its link.").arg(code->label);
    return {};
}

QString ReasonCodeFields::error() const
{
    const QString code = codeError();
    return code.isEmpty() ? ticketError() : code;
}

void ReasonCodeFields::revealErrors()
{
    m_touched = true;
    refresh();
}

void ReasonCodeFields::refresh()
{
    m_codeNote->setError(m_touched ? codeError() : QString());
    const ReasonCode *code = m_catalog ? m_catalog->find(m_code->currentData().toString()) : nullptr;
    m_ticketNote->setHint(code && code->ticketRequired ? tr("Required for %1.").arg(code->label)
                                                       : tr("Optional: an id such as ZD-4411, or a link."));
    m_ticketNote->setError(m_touched ? ticketError() : QString());
}
