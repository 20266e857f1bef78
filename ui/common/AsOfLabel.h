#pragma once

#include <QLabel>
#include <QPointer>

class FiguresAsOf;

// Beside a view's figures: "As of 19:42:07 (standby)" while they were read on the reading
// standby, with what that means in the tooltip; hidden while they were read on the primary.
// Short of room it drops "(standby)", then elides, rather than widen the pane: the tooltip says
// it in full.
class AsOfLabel final : public QLabel
{
    Q_OBJECT

public:
    AsOfLabel(FiguresAsOf *figures, QWidget *parent);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void refresh();

    QPointer<FiguresAsOf> m_figures;
};
