#include "ui/common/FieldNote.h"

#include "models/CategoryPalette.h"

FieldNote::FieldNote(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    setFont(small);
}

void FieldNote::setHint(const QString &hint)
{
    m_hint = hint;
    refresh();
}

void FieldNote::setError(const QString &error)
{
    m_error = error;
    refresh();
}

void FieldNote::refresh()
{
    setText(m_error.isEmpty() ? m_hint : m_error);
    // The parent's palette: this label's own one carries the colour set here last.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    const QColor colour
        = m_error.isEmpty() ? base.color(QPalette::PlaceholderText) : CategoryPalette::negativeAmount(base);
    setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
}
