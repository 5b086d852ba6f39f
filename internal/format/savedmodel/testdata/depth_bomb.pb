òï
ì
bombPartitionedCall*Ò
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
fü
Rù

fnò

fì
Ré

fnâ

fÜ
RÙ

fnÒ

fÌ
RÉ

fnÂ

f¼
R¹

fn²

f¬
R©

fn¢

fœ
R™

fn’

fŒ
R‰

fn‚

fü	Rù	
fnò	
fì	Ré	
fnâ	
fÜ	RÙ	
fnÒ	
fÌ	RÉ	
fnÂ	
f¼	R¹	
fn²	
f¬	R©	
fn¢	
fœ	R™	
fn’	
fŒ	R‰	
fn‚	
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
füRù
fnò
fìRé
fnâ
fÜRÙ
fnÒ
fÌRÉ
fnÂ
f¼R¹
fn²
f¬R©
fn¢
fœR™
fn’
fŒR‰
fn‚
f}R{
fnu
fpRn
fnh
fcRa
fn[
fVRT
fnN
fIRG
fnA
f<R:
fn4
f/R-
fn'
f"R 
fn
fR
fn
fR
leaf