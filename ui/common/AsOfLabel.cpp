#include "ui/common/AsOfLabel.h"

#include "models/FiguresAsOf.h"

AsOfLabel::AsOfLabel(FiguresAsOf *figures, QWidget *parent) : QLabel(parent), m_figures(figures)
{
    setObjectName(QStringLiteral("asOf"));
    setTextFormat(Qt::PlainText);
    connect(figures, &FiguresAsOf::changed, this, &AsOfLabel::refresh);
    refresh();
}

void AsOfLabel::refresh()
{
    const QString text = m_figures ? m_figures->text() : QString();
    setText(text);
    setToolTip(m_figures ? m_figures->toolTip() : QString());
    setVisible(!text.isEmpty());
}
