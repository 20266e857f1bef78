#pragma once

#include <QLabel>
#include <QPointer>

class FiguresAsOf;

// Beside a view's figures: "As of 19:42:07 (standby)" while they were read on the reading
// standby, with what that means in the tooltip; hidden while they were read on the primary.
class AsOfLabel final : public QLabel
{
    Q_OBJECT

public:
    AsOfLabel(FiguresAsOf *figures, QWidget *parent);

private:
    void refresh();

    QPointer<FiguresAsOf> m_figures;
};
