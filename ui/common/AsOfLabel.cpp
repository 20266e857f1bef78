#include "ui/common/AsOfLabel.h"

#include "models/FiguresAsOf.h"

#include <QPainter>

AsOfLabel::AsOfLabel(FiguresAsOf *figures, QWidget *parent) : QLabel(parent), m_figures(figures)
{
    setObjectName(QStringLiteral("asOf"));
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    connect(figures, &FiguresAsOf::changed, this, &AsOfLabel::refresh);
    refresh();
}

QSize AsOfLabel::minimumSizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("…")) * 4, QLabel::minimumSizeHint().height()};
}

void AsOfLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    const QRect room = contentsRect();
    QString shown = text();
    if (fontMetrics().horizontalAdvance(shown) > room.width() && m_figures)
        shown = fontMetrics().elidedText(m_figures->shortText(), Qt::ElideRight, room.width());
    painter.drawText(room, Qt::AlignRight | Qt::AlignVCenter, shown);
}

void AsOfLabel::refresh()
{
    const QString text = m_figures ? m_figures->text() : QString();
    setText(text);
    setToolTip(m_figures ? m_figures->toolTip() : QString());
    setVisible(!text.isEmpty());
}
