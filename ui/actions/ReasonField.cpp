#include "ui/actions/ReasonField.h"

#include "core/domain/Validation.h"
#include "models/XpFormat.h"
#include "ui/common/FieldNote.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

ReasonField::ReasonField(QWidget *parent)
    : QWidget(parent), m_edit(new QPlainTextEdit(this)), m_counter(new QLabel(this)), m_note(new FieldNote(this))
{
    m_edit->setObjectName(QStringLiteral("reasonEdit"));
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(
        tr("Why is this change made? For example the ticket number and what the user reported."));
    m_edit->setToolTip(tr("Required. Stored with the change in the audit log."));
    const QFontMetrics metrics(m_edit->font());
    m_edit->setFixedHeight(metrics.lineSpacing() * 3 + 2 * (m_edit->frameWidth() + 4));
    m_counter->setObjectName(QStringLiteral("reasonCounter"));
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_note->setObjectName(QStringLiteral("reasonNote"));
    m_note->setHint(tr("Required. Kept in the audit log with the change."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    auto *below = new QHBoxLayout;
    below->addWidget(m_note, 1);
    below->addWidget(m_counter, 0, Qt::AlignTop);
    layout->addLayout(below);
    setFocusProxy(m_edit);

    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        m_touched = true;
        refresh();
        emit changed();
    });
    refresh();
}

QString ReasonField::text() const
{
    return m_edit->toPlainText().trimmed();
}

void ReasonField::setText(const QString &text)
{
    m_edit->setPlainText(text);
}

QString ReasonField::validationError() const
{
    const Status status = Validation::requiredText(tr("The reason"), text(), Validation::MaxReasonLength);
    return status ? QString() : status.error().message;
}

void ReasonField::revealError()
{
    m_touched = true;
    refresh();
}

void ReasonField::refresh()
{
    const qsizetype length = text().size();
    m_counter->setText(
        tr("%1 / %2").arg(XpFormat::total(length), XpFormat::total(qint64(Validation::MaxReasonLength))));
    m_note->setError(m_touched ? validationError() : QString());
}
